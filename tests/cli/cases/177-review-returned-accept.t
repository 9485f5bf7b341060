# a returned report cannot be accepted as it stands: a new report answers it
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-05-30
@setup report return 1 --reason "no evidence"
@run report accept 1
@exit 5
@stderr-has
jospar: report accept: report 1 was returned: it is answered by a new report, which may then be accepted
