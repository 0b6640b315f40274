//! One flower: four measurements and a species, read from a CSV row.

use serde::{Deserialize, Deserializer};

// ANCHOR: species
/// The three species of Fisher's data. The order is the class order everywhere in the
/// chapter: setosa is class 0, versicolor 1, virginica 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub enum Species {
    Setosa,
    Versicolor,
    Virginica,
}

/// A species name that is none of the three.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown species {name:?} (expected setosa, versicolor or virginica)")]
pub struct UnknownSpecies {
    pub name: String,
}

impl Species {
    pub const ALL: [Species; 3] = [Species::Setosa, Species::Versicolor, Species::Virginica];

    /// The class index the network's logits are ordered by.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(index: usize) -> Option<Species> {
        Species::ALL.get(index).copied()
    }

    pub fn name(self) -> &'static str {
        match self {
            Species::Setosa => "setosa",
            Species::Versicolor => "versicolor",
            Species::Virginica => "virginica",
        }
    }

    /// The species spelled exactly as in the data file. Nothing is guessed: `Setosa` or
    /// `Iris-setosa` is an error, so that a file from another source fails loudly.
    pub fn from_name(name: &str) -> Result<Species, UnknownSpecies> {
        Species::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| UnknownSpecies {
                name: name.to_string(),
            })
    }
}

// serde's `try_from` goes through this, so an unknown name in the CSV becomes a
// deserialization error, which the CSV reader reports with its line and column.
impl TryFrom<String> for Species {
    type Error = UnknownSpecies;
    fn try_from(name: String) -> Result<Species, UnknownSpecies> {
        Species::from_name(&name)
    }
}
// ANCHOR_END: species

// ANCHOR: flower
/// One row of `iris.csv`. The field names are the CSV's column names.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Flower {
    #[serde(deserialize_with = "finite")]
    pub sepal_length: f64,
    #[serde(deserialize_with = "finite")]
    pub sepal_width: f64,
    #[serde(deserialize_with = "finite")]
    pub petal_length: f64,
    #[serde(deserialize_with = "finite")]
    pub petal_width: f64,
    pub species: Species,
}

/// The measurement columns, in the order of [`Flower::features`].
pub const FEATURES: [&str; 4] = ["sepal_length", "sepal_width", "petal_length", "petal_width"];

impl Flower {
    pub fn features(&self) -> [f64; 4] {
        [
            self.sepal_length,
            self.sepal_width,
            self.petal_length,
            self.petal_width,
        ]
    }
}

/// `"NaN"` and `"inf"` parse as `f64`; a measurement in centimetres cannot be either.
fn finite<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    let value = f64::deserialize(deserializer)?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(serde::de::Error::custom(format!(
            "{value} is not a finite measurement"
        )))
    }
}
// ANCHOR_END: flower

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_indices_round_trip() {
        for (i, s) in Species::ALL.into_iter().enumerate() {
            assert_eq!(s.index(), i);
            assert_eq!(Species::from_index(i), Some(s));
            assert_eq!(Species::from_name(s.name()), Ok(s));
        }
        assert_eq!(Species::from_index(3), None);
    }

    fn parse(csv_text: &str) -> Result<Vec<Flower>, csv::Error> {
        csv::Reader::from_reader(csv_text.as_bytes())
            .deserialize()
            .collect()
    }

    const HEADER: &str = "sepal_length,sepal_width,petal_length,petal_width,species\n";

    #[test]
    fn a_row_becomes_a_typed_flower() {
        let flowers = parse(&format!(
            "{HEADER}5.1,3.5,1.4,0.2,setosa\n6.3,3.3,6.0,2.5,virginica\n"
        ))
        .unwrap();
        assert_eq!(flowers[0].features(), [5.1, 3.5, 1.4, 0.2]);
        assert_eq!(flowers[0].species, Species::Setosa);
        assert_eq!(flowers[1].species.index(), 2);
    }

    #[test]
    fn an_unknown_species_or_a_nan_is_rejected() {
        let err = parse(&format!("{HEADER}5.1,3.5,1.4,0.2,tulip\n")).unwrap_err();
        assert!(
            err.to_string().contains("unknown species \"tulip\""),
            "{err}"
        );
        let err = parse(&format!("{HEADER}5.1,NaN,1.4,0.2,setosa\n")).unwrap_err();
        assert!(
            err.to_string().contains("not a finite measurement"),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_name_is_an_error_that_quotes_it() {
        for name in ["tulip", "Setosa", "Iris-setosa", "", " setosa"] {
            let err = Species::from_name(name).unwrap_err();
            assert_eq!(err.name, name);
            assert!(err.to_string().contains(&format!("{name:?}")), "{err}");
        }
    }
}
