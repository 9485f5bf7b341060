# full-text search folds case, Kazakh letters included: "ііМ" finds "ІІМ"
@run list --search "ііМ бейнебақылау"
@stdout-has
20  1.1  2014-2020 жылдар  ІІМ   Тергеу изоляторларындағы жауап алу бөлмелерінде бейнебақылау
21  1.1  2014-2020 жылдар  ІІМ   УҰИ-дағы жауап алу бөлмелерінде бейнебақылау
2 of 133 activities
