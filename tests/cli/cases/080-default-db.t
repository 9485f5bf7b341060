# with no --db and no JOSPAR_DB the database lives under $XDG_DATA_HOME
@env JOSPAR_DB=
@env XDG_DATA_HOME=$DIR/xdg
@setup check
@run --db $DIR/xdg/jospar/jospar.db plans
@stdout-has
* kz-2014-292
(embedded)
