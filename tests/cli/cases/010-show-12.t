# show prints every field, the executors resolved against the glossary, and
# the due dates of a deadline in two phases with their state as of the date
@run --as-of 2015-06-30 show 12
@stdout
Activity 12 of plan No. 292, as of 2015-06-30

Direction:        1.1 Сенімді құқық қорғау жүйесін қалыптастыру.
Title:            Құқық қорғау органдары көрсететін мемлекеттік қызметтер сапасын бағалау жүйесін әзірлеу және енгізу
Completion form:  Бұйрықтар
Executors:        БП (келісім бойынша), МҚІСҚА (келісім бойынша), МҚІА (келісім бойынша), ІІМ, Қаржымині, МҚІА (келісім бойынша)
                  БП [by agreement] — Қазақстан Республикасы Бас прокуратурасы
                  МҚІСҚА [by agreement] — Қазақстан Республикасы Мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі
                  МҚІА [by agreement] — (not in the glossary)
                  ІІМ — Қазақстан Республикасы Ішкі істер министрлігі
                  Қаржымині — Қазақстан Республикасы Қаржы министрлігі
                  МҚІА [by agreement] — (not in the glossary)
Deadline:         2014 жыл - жобаны әзірлеу; 2015-2020 жылдар- жүйені енгізу
Due dates:        2014-12-31  no-report, overdue        [жобаны әзірлеу]
                  2015-12-31  not yet due               [жүйені енгізу]
                  2016-12-31  not yet due               [жүйені енгізу]
                  2017-12-31  not yet due               [жүйені енгізу]
                  2018-12-31  not yet due               [жүйені енгізу]
                  2019-12-31  not yet due               [жүйені енгізу]
                  2020-12-31  not yet due               [жүйені енгізу]
Budget:           none shown
Official text:    lines 374-405
