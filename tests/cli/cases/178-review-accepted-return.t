# an accepted report is not returned: a coordinator reopens it first
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-05-30
@setup report accept 1
@run report return 1 --reason "late doubt"
@exit 5
@stderr-has
jospar: report return: report 1 is accepted: a coordinator reopens it first, with a reason
