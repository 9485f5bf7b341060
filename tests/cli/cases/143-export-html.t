# HTML with the charts inline, also written as files; synthetic data marked
@setup simulate --seed 3 --as-of 2015-12-31
@run export --format html --as-of 2015-12-31 -o $DIR/r.html
@file-has r.html
<html lang="kk">
<svg xmlns="http://www.w3.org/2000/svg"
Due dates passed by direction, as of 2015-12-31
This report contains <strong>synthetic</strong> data
<tr class="dir"><td colspan="10">2.4 Құқық қорғау жүйесін сот-сараптамалық қамтамасыз етуді жаңғырту</td></tr>
@file-exists r-status.svg
@file-exists r-money.svg
