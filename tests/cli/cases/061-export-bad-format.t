@run export --format yaml
@exit 2
@stderr-has
jospar: export: unknown format 'yaml' (json, xlsx, csv or html)
