# a refused simulate stores nothing
@env USER=coord
@file pw
password-coord
@setup user add coord --role coordinator
@setup-fails simulate --seed 3 --as-of 2015-12-31
@stdin pw
@run report list --json
@json
d == []
