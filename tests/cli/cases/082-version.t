@run version
@stdout-has
jospar 0.1.0
