//! Noticing edits: the size and modification time of every file under the watched paths,
//! compared every few hundred milliseconds. Polling a few hundred files costs nothing and needs
//! no platform API.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What the files looked like at the last look.
#[derive(Debug)]
pub struct Watch {
    paths: Vec<PathBuf>,
    seen: BTreeMap<PathBuf, (u64, Option<SystemTime>)>,
}

impl Watch {
    /// Watches `paths`, files or folders (searched recursively, skipping `target` folders,
    /// hidden files and snapshots awaiting review).
    pub fn new(paths: Vec<PathBuf>) -> Watch {
        let seen = scan(&paths);
        Watch { paths, seen }
    }

    /// The files created, changed or removed since the last call (or since [`Watch::new`]).
    pub fn changes(&mut self) -> Vec<PathBuf> {
        let now = scan(&self.paths);
        let mut changed: Vec<PathBuf> = now
            .iter()
            .filter(|(path, stamp)| self.seen.get(*path) != Some(stamp))
            .map(|(path, _)| path.clone())
            .collect();
        changed.extend(
            self.seen
                .keys()
                .filter(|path| !now.contains_key(*path))
                .cloned(),
        );
        self.seen = now;
        changed
    }
}

fn scan(paths: &[PathBuf]) -> BTreeMap<PathBuf, (u64, Option<SystemTime>)> {
    let mut seen = BTreeMap::new();
    let mut stack: Vec<PathBuf> = paths.to_vec();
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.flatten().map(|e| e.path()).filter(|p| !ignored(p)));
            }
        } else {
            seen.insert(path, (meta.len(), meta.modified().ok()));
        }
    }
    seen
}

fn ignored(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name == "target"
        || name.starts_with('.')
        || name.ends_with(".snap.new")
        || name.ends_with(".pending-snap")
        || name.ends_with('~')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_new_changed_and_removed_files_but_not_target() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        std::fs::write(&a, "one").unwrap();
        std::fs::create_dir(dir.path().join("target")).unwrap();
        let mut watch = Watch::new(vec![dir.path().to_path_buf()]);
        assert!(watch.changes().is_empty());
        std::fs::write(&a, "three").unwrap();
        std::fs::write(dir.path().join("target/x"), "x").unwrap();
        std::fs::write(dir.path().join("b.snap.new"), "x").unwrap();
        assert_eq!(watch.changes(), vec![a.clone()]);
        std::fs::remove_file(&a).unwrap();
        assert_eq!(watch.changes(), vec![a]);
    }
}
