//! Stable sorting compiled once: the standard library's sorts are instantiated anew for every
//! comparison closure, which in the browser bundle costs tens of kilobytes. This sorts a list of
//! indices with a merge sort behind a `dyn` comparison, then moves the items into that order.
//!
//! It also never panics on an inconsistent comparison (upstream's pod ranking is one, and the
//! standard library's sorts may abort on such a comparison): it only ever asks "is b before a?".
//!
//! `map_of` collects into a `BTreeMap` by inserting: `collect()` into one sorts its pairs with the
//! standard library's stable sort first, instantiated anew for every key and value type.
//! `ListMap` is a small map kept as a list sorted by key, for the maps of a few entries built
//! for one command or one draw: a `BTreeMap` links its node code anew for every key and value
//! type, which in the browser bundle costs kilobytes each.
//!
//! The orders upstream sorts ReplicaSets by live here too, under their Go names
//! (`controller_utils.go`, `deployment_util.go`): `sort_by(&mut list, &|a, b|
//! replica_sets_by_creation_timestamp(a, b))` is `sort.Sort(ReplicaSetsByCreationTimestamp(list))`.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::objects::ReplicaSet;

/// Sorts `items` stably by `compare`.
pub fn sort_by<T>(items: &mut [T], compare: &dyn Fn(&T, &T) -> Ordering) {
    let order = sorted_indices(items.len(), &|a, b| compare(&items[a], &items[b]));
    apply_order(items, order);
}

/// Sorts `items` stably by a key.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: &dyn Fn(&T) -> K) {
    sort_by(items, &|a, b| key(a).cmp(&key(b)));
}

/// The pairs as a map, the last value of a repeated key winning, as `collect()` gives it.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// A map kept as a list sorted by key (each key once), searched by bisection. Its iteration
/// order and equality are a `BTreeMap`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for ListMap<K, V> {
    fn default() -> Self {
        ListMap(Vec::new())
    }
}

/// Collects pairs as `BTreeMap` does: a later pair replaces an earlier one with the same key.
impl<K: Ord, V> FromIterator<(K, V)> for ListMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        let mut map = ListMap::default();
        for (key, value) in pairs {
            map.insert(key, value);
        }
        map
    }
}

impl<K: Ord, V> ListMap<K, V> {
    /// Where `key` is (`Ok`) or would go (`Err`).
    fn position<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        let i = self.position(key).ok()?;
        Some(&self.0[i].1)
    }

    /// Sets `key` to `value`, replacing what it held.
    pub fn insert(&mut self, key: K, value: V) {
        match self.position(&key) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    /// The value at `key`, inserted as the default when missing.
    pub fn entry(&mut self, key: K) -> &mut V
    where
        V: Default,
    {
        self.or_insert(key, V::default())
    }

    /// The value at `key`, inserted as `value` when missing.
    pub fn or_insert(&mut self, key: K, value: V) -> &mut V {
        let i = match self.position(&key) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key, value));
                i
            }
        };
        &mut self.0[i].1
    }

    /// Keeps the entries `keep` says yes to (it may change their values).
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    /// Takes the value at `key` (the default when missing), leaving the default there.
    pub fn take<Q: Ord + ?Sized>(&mut self, key: &Q) -> V
    where
        K: Borrow<Q>,
        V: Default,
    {
        match self.position(key) {
            Ok(i) => std::mem::take(&mut self.0[i].1),
            Err(_) => V::default(),
        }
    }

    /// Removes the entry at `key`, returning its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let i = self.position(key).ok()?;
        Some(self.0.remove(i).1)
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        let i = self.position(key).ok()?;
        Some(&mut self.0[i].1)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.position(key).is_ok()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// The entries in key order, their values to change in place.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&K, &mut V)> {
        self.0.iter_mut().map(|(k, v)| (&*k, v))
    }

    /// The values in key order, to change in place.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().map(|(_, v)| v)
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The values in key order.
    pub fn into_values(self) -> impl Iterator<Item = V> {
        self.0.into_iter().map(|(_, v)| v)
    }

    /// The entries in key order.
    pub fn into_entries(self) -> Vec<(K, V)> {
        self.0
    }
}

/// Written as a `BTreeMap` is: a map of its entries in key order.
impl<K: Serialize, V: Serialize> Serialize for ListMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// Read as a `BTreeMap` is (a later entry replaces an earlier one with the same key), with its
/// error texts.
impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Deserialize<'de> for ListMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ListMapVisitor(PhantomData))
    }
}

struct ListMapVisitor<K, V>(PhantomData<(K, V)>);

impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for ListMapVisitor<K, V> {
    type Value = ListMap<K, V>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
        let mut map = ListMap::default();
        while let Some((key, value)) = entries.next_entry()? {
            map.insert(key, value);
        }
        Ok(map)
    }
}

/// `controller.ReplicaSetsByCreationTimestamp`: oldest first, then by name.
pub fn replica_sets_by_creation_timestamp(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    (a.metadata.creation_timestamp, &a.metadata.name)
        .cmp(&(b.metadata.creation_timestamp, &b.metadata.name))
}

/// `controller.ReplicaSetsBySizeOlder`: larger first; of equal sizes, the older first.
pub fn replica_sets_by_size_older(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    b.spec
        .replicas
        .cmp(&a.spec.replicas)
        .then_with(|| replica_sets_by_creation_timestamp(a, b))
}

/// `controller.ReplicaSetsBySizeNewer`: larger first; of equal sizes, the newer first.
pub fn replica_sets_by_size_newer(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    b.spec
        .replicas
        .cmp(&a.spec.replicas)
        .then_with(|| replica_sets_by_creation_timestamp(b, a))
}

/// `deploymentutil.ReplicaSetsByRevision`: lower revision first; of equal revisions, by
/// creation time, then name. (A revision that does not parse counts as 0 here, where upstream
/// orders such a pair by creation time; the controller only ever writes numbers.)
pub fn replica_sets_by_revision(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    a.revision()
        .cmp(&b.revision())
        .then_with(|| replica_sets_by_creation_timestamp(a, b))
}

/// The indices `0..len` in sorted order (bottom-up merge sort, stable).
fn sorted_indices(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut buffer = vec![0; len];
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right, mut out) = (start, middle, start);
            while left < middle && right < end {
                // Take from the right only when it is strictly before: stable.
                if compare(order[right], order[left]) == Ordering::Less {
                    buffer[out] = order[right];
                    right += 1;
                } else {
                    buffer[out] = order[left];
                    left += 1;
                }
                out += 1;
            }
            buffer[out..out + middle - left].copy_from_slice(&order[left..middle]);
            out += middle - left;
            buffer[out..out + end - right].copy_from_slice(&order[right..end]);
        }
        std::mem::swap(&mut order, &mut buffer);
        width *= 2;
    }
    order
}

/// Moves items so that position k holds what was at `order[k]`, following the cycles.
fn apply_order<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != k {
            let source = order[k];
            order[k] = k;
            if source == start {
                break;
            }
            items.swap(k, source);
            k = source;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        let mut seed = 7u64;
        for len in [0usize, 1, 2, 3, 5, 8, 17, 100, 257] {
            let mut items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|p| p.0);
            sort_by(&mut items, &|a, b| a.0.cmp(&b.0));
            assert_eq!(items, expected, "len {len}");
        }
    }

    #[test]
    fn an_inconsistent_comparison_does_not_panic() {
        let mut items: Vec<u32> = (0..50).collect();
        sort_by(&mut items, &|a, b| {
            if (a + b) % 3 == 0 {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        });
        items.sort_unstable();
        assert_eq!(
            items,
            (0..50).collect::<Vec<_>>(),
            "a permutation of the input"
        );
    }
}
