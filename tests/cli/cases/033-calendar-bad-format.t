@run calendar --format pdf
@exit 2
@stderr-has
jospar: calendar: unknown format 'pdf' (text, json or ics)
