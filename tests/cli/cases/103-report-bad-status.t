@run report submit --activity 6 --due 2014-06-30 --agency ІІМ --status finished
@exit 2
@stderr-has
jospar: report submit: unknown status 'finished' (done, partly, not-done or in-progress)
