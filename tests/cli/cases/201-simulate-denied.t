# a stored user below admin may not replace the synthetic history: exit 6, nothing stored
@env USER=coord
@file pw
password-coord
@setup user add coord --role coordinator
@stdin pw
@run simulate --seed 3 --as-of 2015-12-31
@exit 6
@stderr-has
coordinator 'coord' may not replace the synthetic history
