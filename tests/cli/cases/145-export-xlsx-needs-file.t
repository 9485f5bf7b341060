@run export --format xlsx
@exit 2
@stderr-has
jospar: export: xlsx needs -o FILE
