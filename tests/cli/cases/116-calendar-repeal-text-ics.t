# the text calendar leaves out the void due dates too
@run calendar --agency ІІМ --from 2016-01-01
@stdout-has
2016-03-31
@stdout-lacks
2016-09-30
2016-12-31
