@run export --format csv --as-of 2015-12-31
@stdout-has
number,direction,title,completion_form,executors,deadline,planned_total,planned_2014
1,1.1,БАҚ-ты мониторингтеу
