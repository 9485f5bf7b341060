# grouped by activity, the key column says so
@run budget --by activity
@stdout-has
Activity    Rows      Total
