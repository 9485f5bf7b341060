# an executor may not record an older fact, even with a reason: only a coordinator may
@env JOSPAR_TODAY=2015-06-01
@file pw
password-iim
@setup user add iim --role executor --agency ІІМ
@run report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2014-07-01 --late-reason "paper" --by iim
@stdin pw
@exit 6
@stderr-has
jospar: report submit: executor 'iim' may not record a fact older than the reporting window
