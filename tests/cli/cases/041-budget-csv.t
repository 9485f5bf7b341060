# CSV by source and budget program
@run budget --by source --csv
@stdout-has
source,activities,total,2014,2015,2016,2017,2018,2019,2020
РБ 001,3,78.8,20.4,17.4,17.4,7.4,7.4,4.4,4.4
РБ 002,1,353.2,353.2,0,0,0,0,0,0
all,21,15913.445,7935.051,2958.694,3515,1031.7,159.6,109.9,17.1
