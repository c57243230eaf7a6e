//! The toll an article states (pure): the facts of one source's sentences,
//! in order → [`Toll`]: how many died and how many were hurt in the incident
//! it covers, each figure with the sentence it was read from.
//!
//! News gives its toll in its first sentences; later ones recall other
//! shootings, a year's totals, related stories, so only the lead is read.
//! Within the lead, a count of people shot takes its outcome from the
//! sentences after it: "Four people were shot. All are expected to recover."
//! is four hurt; "Five people were shot. One died." is one killed, four hurt.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::conflicts::{Conflict, ConflictKind};
use super::numbers::NumberFact;
use super::sentence::Facts;
use crate::model::{Segment, SourceId};
use crate::text::decimal::Decimal;

/// The sentences an article's toll is read from: past a headline, a
/// dateline and captions, where the lead and its next sentences give it. On
/// the GVA hand labels (tests/it/fixtures/gva_tolls.md) 4 sentences read
/// 0.647 of articles right, 6 0.653, 8 0.658, 10 0.653; with the rules
/// since, 6 0.721, 8 0.726, 10 0.721, 12 0.721 (docs/evaluation.md).
pub const TOLL_LEAD_SENTENCES: usize = 8;

/// How many died and how many were hurt, as the article states.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Toll {
    /// How many died, a shooter who died included.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub killed: Option<TollFigure>,
    /// How many were hurt and survived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub injured: Option<TollFigure>,
}

/// One figure of a toll, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TollFigure {
    /// The count.
    pub value: Decimal,
    /// Index, among the sentences given, of the sentence it was read from.
    pub sentence: usize,
    /// How it was read: the count as written ("three others"), or how it
    /// was worked out ("four people shot; they survived").
    pub reading: String,
    /// The whole count, not maybe one part of it ("a man", "three others"):
    /// only whole counts contradict another article's.
    pub whole: bool,
}

/// Nouns a whole toll is counted in. "Four children", "three sons", "two
/// men" may be some of the dead only (his wife and four children, four
/// women and a man): an article that counts them does not contradict one
/// that counts everyone. A bare count ("3 dead") counts everyone too.
const EVERYONE: &[&str] = &["individuals", "people", "persons", "victims"];

/// Does a count as written ("six people", "4") count everyone it could?
fn counts_everyone(text: &str) -> bool {
    let noun = text.rsplit(' ').next().unwrap_or_default().to_lowercase();
    text.split(' ').count() == 1 || EVERYONE.contains(&noun.as_str())
}

/// The toll stated by the lead of one source's sentences (`facts`, in order).
pub fn toll(facts: &[Arc<Facts>]) -> Toll {
    toll_of(facts.iter().map(Arc::as_ref))
}

fn toll_of<'f>(facts: impl Iterator<Item = &'f Facts>) -> Toll {
    let lead: Vec<(usize, &Facts)> = facts
        .take(TOLL_LEAD_SENTENCES)
        .enumerate()
        .filter(|(_, f)| !f.recalls_past)
        .collect();
    // Ages standing for a person, read beside the counts of their sentence.
    let ages: Vec<(usize, NumberFact)> = lead
        .iter()
        .flat_map(|&(i, f)| {
            f.numbers
                .iter()
                .filter_map(move |n| age_as_person(n).map(|p| (i, p)))
        })
        .collect();
    let mut all: Vec<(usize, &NumberFact)> = lead
        .iter()
        .flat_map(|&(i, f)| {
            f.numbers
                .iter()
                .filter(|n| n.unit.as_deref() == Some("people") && !n.hedged())
                .map(move |n| (i, n))
        })
        .chain(ages.iter().map(|(i, n)| (*i, n)))
        .collect();
    all.sort_by_key(|&(i, _)| i);
    let counts = || all.iter().copied();
    // "Two victims … are among the three killed": the whole they are part of.
    let first = |predicate: &str| {
        let first = counts().find(|(_, n)| n.predicate == Some(predicate));
        let whole = counts().find(|(_, n)| n.predicate == Some(predicate) && n.of_all);
        match (first, whole) {
            (Some((_, f)), Some(w)) if w.1.value.to_f64() > f.value.to_f64() => Some(w),
            _ => first,
        }
    };
    // A count of the dead beside the shooter's own death may count them or
    // not ("killed six people before taking his own life" / "seven dead,
    // including the shooter").
    let shooter_died = lead.iter().any(|(_, f)| f.outcome.shooter_died);
    let stated = |(sentence, number): (usize, &NumberFact)| TollFigure {
        value: number.value,
        sentence,
        reading: number.text.clone(),
        whole: !number.partial
            && counts_everyone(&number.text)
            && !(shooter_died && number.predicate == Some("killed")),
    };
    let mut toll = Toll {
        killed: first("killed").map(stated),
        injured: first("injured").map(stated),
    };
    // The whole count of the shot, or a lone person shot.
    let shot = counts().find(|(_, n)| {
        n.predicate == Some("shot") && (!n.partial || n.value == Decimal::from_integer(1))
    });
    if let Some((at, shot)) = shot {
        let after = lead
            .iter()
            .filter(|(i, _)| *i >= at)
            .map(|(_, f)| f.outcome);
        let (died, survived) =
            after.fold((false, false), |(d, s), o| (d || o.died, s || o.survived));
        // "A guard was fatally shot. … He was among four people shot": a
        // death told before the count still says not all of them lived.
        let death_told = lead.iter().any(|(_, f)| f.outcome.died);
        let killed_told_again = toll.killed.as_ref().is_some_and(|killed| {
            counts()
                .any(|(i, n)| i >= at && n.predicate == Some("killed") && n.value == killed.value)
        });
        settle(
            &mut toll,
            at,
            shot,
            Said {
                died,
                survived,
                death_told,
                killed_told_again,
            },
        );
    }
    // "A father shot his son, then himself": the shooter's death, told after
    // the victims', is one more than a part of the dead.
    let killed_self_at = lead
        .iter()
        .find(|(_, f)| f.outcome.shooter_killed_self_after)
        .map(|(i, _)| *i);
    if let Some(at) = killed_self_at.filter(|_| toll.killed.as_ref().is_none_or(|k| !k.whole)) {
        toll.killed = Some(shooter_added(toll.killed.take(), at));
    }
    // "Police originally said eight": a figure since replaced; "injured
    // five people, including the gunman": the shooter counted with them.
    let figures = [("killed", &mut toll.killed), ("injured", &mut toll.injured)];
    for (predicate, figure) in figures {
        let Some(figure) = figure else { continue };
        let told_with = |f: &Facts| f.superseded || f.outcome.includes_shooter == Some(predicate);
        if lead
            .iter()
            .any(|&(i, f)| i == figure.sentence && told_with(f))
        {
            figure.whole = false;
        }
    }
    toll
}

/// The dead with the shooter who killed themself after them: one more than
/// the victims read, or the shooter alone.
fn shooter_added(victims: Option<TollFigure>, told_at: usize) -> TollFigure {
    match victims {
        Some(figure) => TollFigure {
            value: figure
                .value
                .checked_add(Decimal::from_integer(1))
                .unwrap_or(figure.value),
            reading: format!("{} and the shooter, who killed themself", figure.reading),
            whole: false,
            ..figure
        },
        None => TollFigure {
            value: Decimal::from_integer(1),
            sentence: told_at,
            reading: "the shooter, who killed themself".into(),
            whole: false,
        },
    }
}

/// "A 3-year-old … has died": an age with what happened names one person
/// it happened to, where no person noun came with it to make it a count.
fn age_as_person(number: &NumberFact) -> Option<NumberFact> {
    let happened = matches!(number.predicate, Some("killed" | "injured" | "shot"));
    (number.unit.as_deref() == Some("year-old") && happened && !number.hedged()).then(|| {
        NumberFact {
            text: format!("a {}", number.text),
            value: Decimal::from_integer(1),
            unit: Some("people".into()),
            partial: true,
            of_all: false,
            ..number.clone()
        }
    })
}

/// What the lead says of how the shooting ended.
struct Said {
    /// Someone died, in the sentences from the count of the shot on.
    died: bool,
    /// Someone survived, from the count on.
    survived: bool,
    /// Someone died, anywhere in the lead.
    death_told: bool,
    /// The count of the dead read, told again from the count of the shot on
    /// ("Two people confirmed dead … four people had been shot. Two of the
    /// victims … were pronounced deceased"): the dead are of those shot.
    killed_told_again: bool,
}

/// Fill in what the count of the shot and the outcome words after it give.
fn settle(toll: &mut Toll, at: usize, shot: &NumberFact, said: Said) {
    let Said {
        died,
        survived,
        death_told,
        killed_told_again,
    } = said;
    let worked_out = |value: Decimal, how: &str| TollFigure {
        value,
        sentence: at,
        reading: format!("{} shot; {how}", shot.text),
        whole: !shot.partial && counts_everyone(&shot.text),
    };
    // The rest of the shot, less the dead or the hurt: a whole count only
    // when what is taken away is ("a man was killed" may be one of two).
    let rest = |of: &TollFigure| {
        let rest = shot.value.to_integer()? - of.value.to_integer()?;
        (rest > 0 && !shot.partial).then(|| Decimal::from_integer(rest))
    };
    let whole_rest = |of: &TollFigure, figure: TollFigure| TollFigure {
        whole: figure.whole && of.whole,
        ..figure
    };
    match (&toll.killed, &toll.injured) {
        // Of several shot, "died" after them may be of some only ("Seven
        // were shot. Three died."); of one, it is of them, whatever
        // condition they were in before ("taken to hospital in critical
        // condition, where he died").
        (None, None) if died && shot.value == Decimal::from_integer(1) => {
            toll.killed = Some(worked_out(shot.value, "they died"));
        }
        (None, None) if survived && !died => {
            toll.injured = Some(worked_out(shot.value, "they survived"));
        }
        (None, None) if !death_told => {
            toll.injured = Some(worked_out(shot.value, "no death stated"));
        }
        (Some(killed), None) if killed.sentence >= at || killed_told_again => {
            toll.injured =
                rest(killed).map(|v| whole_rest(killed, worked_out(v, "the others survived")));
        }
        // "Kason was shot and killed. … His brother was also hit. He was
        // hospitalized": one more person shot, after the dead, who lived.
        (Some(_), None) if shot.partial && survived && !died => {
            toll.injured = Some(worked_out(shot.value, "they survived"));
        }
        (None, Some(injured)) if died && injured.sentence >= at => {
            toll.killed =
                rest(injured).map(|v| whole_rest(injured, worked_out(v, "the others died")));
        }
        _ => {}
    }
}

/// Conflicts between the tolls of two sources: whole counts of the killed,
/// or of the hurt, that differ, between the sentences they were read from,
/// unless either source gives the other's figure anywhere (`states`: a
/// first report beside the latest). The aligner need not have paired the
/// two sentences ("Four people were shot. Two died." and "2 dead, 2 hurt in
/// apartment shooting" say it in other words), but it must have related some
/// sentences of the two sources (`related`) and their leads must name a place
/// or person in common: a folder of many stories compares the tolls of
/// articles on one story only.
pub(crate) fn toll_conflicts(
    segments: &[Segment],
    facts: &[Arc<Facts>],
    related: &[(usize, usize)],
    states: impl Fn(&SourceId, &'static str, Decimal) -> bool,
) -> Vec<Conflict> {
    // Sources by ordinal, in order of first appearance, with their segments.
    let mut ordinal_of: FxHashMap<&SourceId, usize> = FxHashMap::default();
    let mut members: Vec<(&SourceId, Vec<usize>)> = Vec::new();
    let mut source_of = Vec::with_capacity(segments.len());
    // Each segment's place in its source.
    let mut rank = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        let next = members.len();
        let k = *ordinal_of.entry(&segment.source).or_insert(next);
        if k == next {
            members.push((&segment.source, Vec::new()));
        }
        members[k].1.push(i);
        source_of.push(k);
        rank.push(members[k].1.len() - 1);
    }
    // Millions of related pairs on a large corpus; far fewer pairs of
    // sources whose leads are related.
    let mut pairs: Vec<(usize, usize)> = related
        .iter()
        .filter(|&&(a, b)| rank[a] < TOLL_LEAD_SENTENCES && rank[b] < TOLL_LEAD_SENTENCES)
        .map(|&(a, b)| (source_of[a], source_of[b]))
        .filter(|&(a, b)| a != b)
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut involved: Vec<usize> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    involved.sort_unstable();
    involved.dedup();
    let leads: FxHashMap<usize, Lead<'_>> = involved
        .par_iter()
        .map(|&k| (k, Lead::of(members[k].1.iter().map(|&i| facts[i].as_ref()))))
        .collect();
    let mut found = Vec::new();
    for (ka, kb) in pairs {
        let (Some(lead_a), Some(lead_b)) = (leads.get(&ka), leads.get(&kb)) else {
            continue;
        };
        if !lead_a.shares_a_name_with(lead_b) {
            continue;
        }
        let ((source_a, members_a), (source_b, members_b)) = (&members[ka], &members[kb]);
        let figures = [
            ("killed", &lead_a.toll.killed, &lead_b.toll.killed),
            ("injured", &lead_a.toll.injured, &lead_b.toll.injured),
        ];
        for (predicate, x, y) in figures {
            let (Some(x), Some(y)) = (x, y) else { continue };
            let differ = x.whole && y.whole && x.value != y.value;
            if !differ
                || states(source_a, predicate, y.value)
                || states(source_b, predicate, x.value)
            {
                continue;
            }
            found.push(Conflict {
                a: members_a[x.sentence],
                b: members_b[y.sentence],
                kind: ConflictKind::Number,
                a_says: format!("{} {predicate} ({})", x.value, x.reading),
                b_says: format!("{} {predicate} ({})", y.value, y.reading),
            });
        }
    }
    found
}

/// What the lead of one source gives for comparing tolls.
struct Lead<'f> {
    toll: Toll,
    /// The names (places, people) it gives, sorted: two leads that share
    /// none are about two incidents, however alike their words.
    names: Vec<&'f str>,
}

impl<'f> Lead<'f> {
    fn of(sentences: impl Iterator<Item = &'f Facts> + Clone) -> Self {
        let mut names: Vec<&str> = sentences
            .clone()
            .take(TOLL_LEAD_SENTENCES)
            .flat_map(|f| f.names.iter().map(String::as_str))
            .collect();
        names.sort_unstable();
        names.dedup();
        Lead {
            toll: toll_of(sentences),
            names,
        }
    }

    fn shares_a_name_with(&self, other: &Lead<'_>) -> bool {
        self.names
            .iter()
            .any(|n| other.names.binary_search(n).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::extract;

    fn toll_of(sentences: &[&str]) -> (Option<f64>, Option<f64>) {
        let facts: Vec<Arc<Facts>> = sentences
            .iter()
            .map(|s| Arc::new(extract(s, None)))
            .collect();
        let found = toll(&facts);
        let value = |f: Option<TollFigure>| f.map(|f| f.value.to_f64());
        (value(found.killed), value(found.injured))
    }

    /// WAVE and WALB on GVA incidents 709370 and 583537.
    #[test]
    fn some_of_the_victims_and_the_dead_told_again_after_the_shot() {
        assert_eq!(
            toll_of(&[
                "Police now say a total of seven people were shot at Shawnee Park Thursday afternoon.",
                "Two of the victims were killed.",
                "The other five were taken to a hospital with non-life-threatening injuries.",
            ]),
            (Some(2.0), Some(5.0))
        );
        let headline_first = [
            "Two people have been confirmed dead after a shooting",
            "Upon arrival, officials found four people had been shot.",
            "Two of the victims, 21-year-old Cameron Wilkins and 32-year-old Felicia Williams, were pronounced deceased by the coroner.",
        ];
        assert_eq!(toll_of(&headline_first), (Some(2.0), Some(2.0)));
        // The dead not told again after the count: maybe not of those shot.
        assert_eq!(toll_of(&headline_first[..2]), (Some(2.0), None));
    }

    /// KHOU and WIVB on GVA incidents 725323 and 207298.
    #[test]
    fn the_one_the_others_were_with_and_a_death_past_a_long_description() {
        assert_eq!(
            toll_of(&[
                "A murder victim's family wants justice for 19-year-old Kelcii Flintroy, who was found shot to death along with three others in December."
            ]),
            (Some(4.0), None)
        );
        assert_eq!(
            toll_of(&["A 15-year-old boy from the Town of Shelby has died from a gunshot wound."]),
            (Some(1.0), None)
        );
        // KDVR on GVA incident 200055: what happened told after "being", and
        // a predicate before "when" is not of the count after it.
        assert_eq!(
            toll_of(&[
                "A 7-year-old boy is in critical condition after being shot in the head as he played with friends.",
                "The boy was shot Thursday afternoon when six children ages 7 to 12 were alone in the home.",
            ]),
            (None, Some(1.0))
        );
    }

    /// KOCO and KPHO on GVA incidents: "deadly" says someone died, not that
    /// every victim counted did; a name released is no one let out of hospital.
    #[test]
    fn victims_of_a_deadly_shooting_are_not_all_dead() {
        assert_eq!(
            toll_of(&[
                "Oklahoma City police have released the names of five victims in a deadly weekend shooting."
            ]),
            (None, None)
        );
        assert_eq!(
            toll_of(&[
                "Phoenix police have identified the 19-year-old victim of a deadly shooting that happened at a house party."
            ]),
            (Some(1.0), None)
        );
        // "life and death" is said of no one.
        assert_eq!(
            toll_of(&[
                "Prosecutors have charged a Grandview woman in the shooting of her 4-year-old granddaughter.",
                "This isn't hard, but it is absolutely life and death, the prosecutor said.",
            ]),
            (None, Some(1.0))
        );
        // WBTV on GVA incident 779466: done to himself; WLUC on 668497: the
        // one after "by" did it.
        assert_eq!(
            toll_of(&[
                "A two-year-old was airlifted to the hospital after accidentally shooting himself in the chest."
            ]),
            (None, Some(1.0))
        );
        assert_eq!(
            toll_of(&[
                "Frank was accidentally shot by his friend who was cleaning a gun Sunday night."
            ]),
            (None, None)
        );
        // KMOX on GVA incident 304897: told passively, past the description
        // and an adverb.
        assert_eq!(
            toll_of(&[
                "A 69-year-old male in the vehicle with Johnson was also hit by gunfire, but his injuries are not life-threatening."
            ]),
            (None, Some(1.0))
        );
        // KGW on GVA incident 770977: the suspect killed, by an officer; the
        // officer's three shots are no people.
        assert_eq!(
            toll_of(&[
                "An armed robbery suspect was shot and killed by a Portland police officer on Thursday.",
                "Police say the officer who shot and killed Hayes fired three shots.",
            ]),
            (Some(1.0), None)
        );
        assert_eq!(
            toll_of(&["Police say the officer who shot and killed Hayes fired three shots."]),
            (None, None)
        );
    }

    /// The Daily Mail on GVA incident 398361: the two identified are among
    /// the three killed.
    #[test]
    fn a_count_told_after_among_the_is_the_whole() {
        let identified = [
            "Two victims killed in a drive-by shooting in New York have been identified.",
            "Jonah Barley and Raekwon Manigault are both reported to be among the three killed, after a gunman opened fire.",
        ];
        assert_eq!(toll_of(&identified), (Some(3.0), None));
        // A smaller count after "among the" is no whole of a larger one.
        assert_eq!(
            toll_of(&[
                "Four people were killed in the shooting.",
                "A teacher was among the two killed first.",
            ]),
            (Some(4.0), None)
        );
    }

    /// Sauk Valley on GVA incident 111416: a name given with an age, then
    /// what happened to them.
    #[test]
    fn a_name_with_an_age_then_what_happened_is_one_person() {
        assert_eq!(
            toll_of(&["Matt Anderson, 15, died nearly 6 months ago, on March 1."]),
            (Some(1.0), None)
        );
        assert_eq!(
            toll_of(&["Dametrious Addison, 18, was shot in the face."]),
            (None, Some(1.0))
        );
        // Named with an age, and something else: no count.
        assert_eq!(
            toll_of(&["Police arrested Brady Osborne, 16, on Friday."]),
            (None, None)
        );
        assert_eq!(
            toll_of(&["Brady Osborne, 16, is charged with reckless conduct."]),
            (None, None)
        );
        // The sentence ends where what happened would be.
        assert_eq!(toll_of(&["Brady Osborne, 16, was"]), (None, None));
        assert_eq!(
            toll_of(&["He was wanted in a shooting that led to the death of Westley Bell, 17."]),
            (Some(1.0), None)
        );
    }

    #[test]
    fn a_count_of_the_shot_takes_the_outcome_of_the_sentences_after_it() {
        assert_eq!(
            toll_of(&[
                "Four people were shot inside a home on Parksley Road.",
                "They are considered stable at the moment.",
            ]),
            (None, Some(4.0))
        );
        assert_eq!(
            toll_of(&[
                "Four people were shot in a Louisville apartment Tuesday night.",
                "Two died and two others are recovering.",
            ]),
            (Some(2.0), Some(2.0))
        );
        assert_eq!(
            toll_of(&[
                "Five people were shot at a party early Sunday.",
                "One of them died at the hospital, police said.",
            ]),
            (None, None),
            "'one of them' is not read as a count, and nothing says how the rest fared"
        );
    }

    #[test]
    fn one_person_killed_and_others_hurt() {
        assert_eq!(
            toll_of(&[
                "The gunman opened fire in the parking lot, killing one person and injuring four others."
            ]),
            (Some(1.0), Some(4.0))
        );
        assert_eq!(
            toll_of(&[
                "Her 2-year-old son shot himself in the face at a motel.",
                "Police said the child is expected to survive."
            ]),
            (None, Some(1.0))
        );
    }

    #[test]
    fn the_toll_is_read_from_the_lead_only() {
        let mut sentences =
            vec!["Police are investigating a shooting on Main Street."; TOLL_LEAD_SENTENCES];
        sentences.push("In an unrelated case, three people were killed last week.");
        assert_eq!(toll_of(&sentences), (None, None));
        assert_eq!(
            toll_of(&["Police said no one died.", "A man was shot in the leg."]),
            (None, Some(1.0)),
            "the outcome comes from the sentences after the count: none, so he was hurt"
        );
    }

    #[test]
    fn one_person_named_by_an_age_or_a_place_and_what_happened_to_them() {
        assert_eq!(
            toll_of(&[
                "A father accidentally shot and killed his own 14-year-old son, police said."
            ]),
            (Some(1.0), None),
            "an age that something happened to is one person"
        );
        assert_eq!(
            toll_of(&["A Bonham man died after accidentally shooting himself in the leg."]),
            (Some(1.0), None),
            "a place name before the person does not hide them"
        );
        assert_eq!(
            toll_of(&[
                "A 15-year-old was shot on Main Street on Sunday.",
                "He was taken to the hospital in critical condition, where he died.",
            ]),
            (Some(1.0), None),
            "one person shot who died is killed, whatever their condition before"
        );
    }

    #[test]
    fn a_death_told_before_the_count_keeps_the_shot_from_being_all_hurt() {
        assert_eq!(
            toll_of(&[
                "Authorities are investigating after a security guard was fatally shot at a night club.",
                "According to police, the guard was among four people shot.",
            ]),
            (Some(1.0), None),
            "the guard died; how the other three fared is not said"
        );
        assert_eq!(
            toll_of(&[
                "Police say five people, including a 10-year-old boy, were shot when a party turned into a violent argument.",
                "Three of the shooting victims died.",
            ]),
            (None, None),
            "three of five died: the rest is not said"
        );
    }

    #[test]
    fn the_shot_whose_death_is_not_stated_were_hurt_and_what_did_not_happen_is_no_count() {
        assert_eq!(
            toll_of(&[
                "A 17-year-old boy was shot in the hand late Tuesday by someone who fled, authorities said.",
                "Police are investigating.",
            ]),
            (None, Some(1.0))
        );
        assert_eq!(
            toll_of(&["Four people were shot near the Superdome on Saturday night."]),
            (None, Some(4.0))
        );
        assert_eq!(
            toll_of(&["We are fortunate that another child was not killed, the prosecutor said."]),
            (None, None)
        );
        assert_eq!(
            toll_of(&[
                "A man was shot on Elm Street.",
                "He was charged with assault with a deadly weapon.",
            ]),
            (None, Some(1.0)),
            "a deadly weapon says nothing of the victim"
        );
    }

    #[test]
    fn a_triple_shooting_counts_three_shot_and_a_double_homicide_two_dead() {
        assert_eq!(
            toll_of(&["Police are investigating a triple shooting on Keyworth Avenue."]),
            (None, Some(3.0))
        );
        assert_eq!(
            toll_of(&["A man was arrested in a double homicide in Leilani Estates."]),
            (Some(2.0), None)
        );
        assert_eq!(
            toll_of(&["Police say it was a double murder-suicide."]),
            (Some(3.0), None),
            "two victims and the shooter"
        );
    }

    #[test]
    fn people_described_or_listed_before_what_happened_to_them() {
        assert_eq!(
            toll_of(&[
                "A 37-year-old man sitting on a porch was killed Saturday in a triple shooting that also wounded a 10-month old boy and a bystander sitting in her car."
            ]),
            (Some(1.0), Some(2.0)),
            "words describing him, then 'was killed'; a bystander joined to the boy"
        );
        assert_eq!(
            toll_of(&["A woman and three men are recovering after a shooting in Port Norris."]),
            (None, Some(4.0))
        );
        assert_eq!(
            toll_of(&[
                "Two teenagers, one 16 and the other 17, were injured Monday afternoon in a shooting at McFerrin Park."
            ]),
            (None, Some(2.0)),
            "the counts inside the appositive are the same two people"
        );
        assert_eq!(
            toll_of(&[
                "Three others, an 18-year-old woman and two men, ages 21 and 22, were treated for wounds and released."
            ]),
            (None, Some(3.0))
        );
        assert_eq!(
            toll_of(&[
                "Another person was reported to have been injured and taken to the hospital.",
            ]),
            (None, Some(1.0))
        );
        assert_eq!(
            toll_of(&["Kason's 7-year-old brother was also hit in the shooting."]),
            (None, Some(1.0)),
            "a name's brother is one person"
        );
        assert_eq!(
            toll_of(&["A woman told police a man was shot outside her house."]),
            (None, Some(1.0)),
            "the man was shot, not the woman who told"
        );
    }

    /// The figures read and whether each is a whole toll.
    fn wholes(sentences: &[&str]) -> Vec<(&'static str, f64, bool)> {
        let facts: Vec<Arc<Facts>> = sentences
            .iter()
            .map(|s| Arc::new(extract(s, None)))
            .collect();
        let found = toll(&facts);
        [("killed", found.killed), ("injured", found.injured)]
            .into_iter()
            .filter_map(|(p, f)| f.map(|f| (p, f.value.to_f64(), f.whole)))
            .collect()
    }

    #[test]
    fn figures_that_are_no_whole_toll_are_not_compared() {
        assert_eq!(
            wholes(&[
                "A shootout outside the service left six people wounded -- two mortally, authorities said."
            ]),
            vec![("killed", 2.0, true), ("injured", 4.0, false)],
            "six shot, two of them died: four hurt, worked out (\"6 shot, 2 killed\")"
        );
        assert_eq!(
            wholes(&[
                "Four victims died at the scenes of the shootings and a fifth died on the way to hospital."
            ]),
            vec![("killed", 4.0, false)]
        );
        assert_eq!(
            wholes(&["Police originally said eight people were wounded."]),
            vec![("injured", 8.0, false)]
        );
        assert_eq!(
            wholes(&["The shooting spree injured five people, including the gunman."]),
            vec![("injured", 5.0, false)],
            "another article may count the four victims only"
        );
        assert_eq!(
            wholes(&[
                "Six people were killed, including the suspect, and four people were injured."
            ]),
            vec![("killed", 6.0, false), ("injured", 4.0, true)],
            "the suspect is among the dead, not the hurt"
        );
        assert_eq!(
            wholes(&["Rodger killed six people and injured 14 others before taking his own life."]),
            vec![("killed", 7.0, false), ("injured", 14.0, false)],
            "six and the shooter, as the toll counts; 'others' is a part"
        );
        assert_eq!(
            wholes(&["Seven people were shot.", "A man was killed, police said."]),
            vec![("killed", 1.0, false), ("injured", 6.0, false)],
            "the rest of seven less a part is no whole count"
        );
        assert_eq!(
            wholes(&["Police are investigating a triple shooting on Keyworth Avenue."]),
            vec![("injured", 3.0, false)],
            "the crime's name, not a toll to hold another article to"
        );
    }

    #[test]
    fn a_shooter_who_killed_themself_after_the_victims_is_among_the_dead() {
        assert_eq!(
            toll_of(&["A father shot and killed his son, then himself, police said."]),
            (Some(2.0), None)
        );
        assert_eq!(
            toll_of(&["A man killed himself on Sunday, police said."]),
            (Some(1.0), None),
            "no victim before him: one dead, not two"
        );
        assert_eq!(
            toll_of(&["Two people were found dead in what police called a murder-suicide."]),
            (Some(2.0), None),
            "a whole count of the dead counts the shooter already"
        );
    }

    #[test]
    fn one_more_person_shot_after_the_dead_who_lived_was_hurt() {
        assert_eq!(
            toll_of(&[
                "Five-year-old Kason Guyton was shot and killed Thursday.",
                "Kason's 7-year-old brother was also hit in the shooting.",
                "He was hospitalized with non-life threatening injuries.",
            ]),
            (Some(1.0), Some(1.0))
        );
    }
}
