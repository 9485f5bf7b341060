@run load nothere.json
@exit 4
@stderr-has
jospar: cannot open 'nothere.json': No such file or directory
