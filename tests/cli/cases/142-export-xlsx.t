@setup simulate --seed 3 --as-of 2015-12-31
@run export --format xlsx --as-of 2015-12-31 -o $DIR/r.xlsx
@file-exists r.xlsx
