# every command has --help, generated from its option table
@run list --help
@stdout-has
usage: jospar list [--direction D]
--agency ABBR
--due-from DATE
--search TEXT
--db PATH
