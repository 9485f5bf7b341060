@run list --lead
@exit 2
@stderr-has
jospar: list: --lead needs --agency
