# a malformed date is a usage error naming the option and the text
@run list --due-from 2014-13-01
@exit 2
@stderr-has
jospar: list: --due-from: invalid date '2014-13-01' (expected YYYY-MM-DD)
