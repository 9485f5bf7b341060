# a viewer does not review: the ledger says so, exit 6
@env JOSPAR_TODAY=2015-06-01
@file pw
password-view
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-05-30
@setup user add view --role viewer
@run report accept 1 --by view
@stdin pw
@exit 6
@stderr-has
jospar: report accept: viewer 'view' may not review reports
