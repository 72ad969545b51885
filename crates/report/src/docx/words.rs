//! The few words the Word document needs beyond the model's own: the headers of the tables that
//! stand in for the PDF's charts.

use crate::model::Lang;

pub(super) fn total(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Total",
        Lang::De => "Gesamt",
    }
}

pub(super) fn phase(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Phase or milestone",
        Lang::De => "Phase oder Meilenstein",
    }
}

pub(super) fn from(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "From",
        Lang::De => "Von",
    }
}

pub(super) fn until(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Until",
        Lang::De => "Bis",
    }
}
