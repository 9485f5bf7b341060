# the embedded plan's id cannot be taken by another document
@setup export --format json -o $DIR/p.json
@run load p.json
@exit 3
@stderr-has
jospar: p.json:/id: plan id 'kz-2014-292' is the plan jospar carries; give yours another id
