package data

import (
	"path/filepath"
	"sync"
)

// backupDirs holds the backups folders chosen instead of the default, by
// absolute database path. The choice is the user's (the window keeps it
// in its preferences and tells this process with SetBackupDir); keeping
// it here, behind BackupDir, means every backup (automatic, by hand,
// before a restore or an update) and every listing and rotation follow
// it without a folder parameter on each call.
var backupDirs sync.Map

// SetBackupDir sends the backups of the database at dbPath to dir from
// now on, in this process; "" goes back to the default, a "backups"
// folder beside the database.
func SetBackupDir(dbPath, dir string) {
	key := absPath(dbPath)
	if dir == "" {
		backupDirs.Delete(key)
		return
	}
	backupDirs.Store(key, absPath(dir))
}

// chosenBackupDir is the folder SetBackupDir chose for the database at
// path, if any.
func chosenBackupDir(path string) (string, bool) {
	dir, ok := backupDirs.Load(absPath(path))
	if !ok {
		return "", false
	}
	return dir.(string), true
}

func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}
