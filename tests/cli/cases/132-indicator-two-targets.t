# a year with two targets needs --target
@run indicator set-actual R1.4.1 --year 2016 --value 80
@exit 3
@stderr-has
jospar: indicator set-actual: R1.4.1 has 2 targets for 2016: give the target
