@run report submit --activity 6 --due 2014-06-30 --agency БП --status done
@exit 3
@stderr-has
jospar: report submit: 'БП' is not an executor of activity 6 (ІІМ)
