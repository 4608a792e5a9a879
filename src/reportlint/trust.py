"""Whose files reportlint believes. Reports come from strangers; what decides the verdict must not.

- A configuration file found by walking up from a report (config.find_config) is read only when the
  file and its folder belong to the user (or root), nobody else can write to them, and every folder
  above is either closed to others or sticky (like /tmp, where nobody can rename another's folder).
  This is git's safe.directory, plus the writability test OpenSSH makes of ~/.ssh. A folder listed
  in $REPORTLINT_SAFE_DIRECTORIES (os.pathsep-separated; `*` for all) is trusted as it is.
- The result cache and its key live only in a private folder: a real folder (not a symbolic link)
  owned by the user that nobody else can write to.

"Others can write" means the world, or a group other than the user's own private group (Debian and
Ubuntu give each user a group of their own and a umask of 002, so a clerk's folders are
group-writable by nobody but them). Where the system has no POSIX owners (Windows) these checks
cannot be made; a service there uses --isolated or --config.
"""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

SAFE_ENV = "REPORTLINT_SAFE_DIRECTORIES"


def has_owners() -> bool:
    return hasattr(os, "geteuid")


def others_can_write(st: os.stat_result) -> bool:
    if not has_owners():
        return False
    if st.st_mode & stat.S_IWOTH:
        return True
    return bool(st.st_mode & stat.S_IWGRP) and not _private_group(st.st_gid)


@functools.cache
def _private_group(gid: int) -> bool:
    """The user's own group: their primary group, named as they are, with no one else in it."""
    import grp
    import pwd

    try:
        user = pwd.getpwuid(os.geteuid())
        group = grp.getgrgid(gid)
    except KeyError:
        return False
    return gid == user.pw_gid and group.gr_name == user.pw_name and set(group.gr_mem) <= {user.pw_name}


def _owned_by_someone_else(st: os.stat_result) -> bool:
    return has_owners() and st.st_uid not in (os.geteuid(), 0)


def config_problem(path: Path) -> str | None:
    """Why the configuration file `path`, found next to or above a report, must not be read (None:
    it may). `path` is in a resolved folder."""
    folder = path.parent
    if _listed_safe(folder) or not has_owners():
        return None
    try:
        st = os.stat(path)
        if _owned_by_someone_else(st):
            return f"it belongs to another user (uid {st.st_uid})"
        if others_can_write(st):
            return "other users can write to it"
        st = os.stat(folder)
        if _owned_by_someone_else(st):
            return f"its folder belongs to another user (uid {st.st_uid})"
        if others_can_write(st):
            return "other users can write to its folder"
        for above in folder.parents:
            st = os.stat(above)
            if others_can_write(st) and not st.st_mode & stat.S_ISVTX:
                return f"other users can write to {above}, above it"
    except OSError as exc:
        return f"its owner cannot be checked ({exc.strerror})"
    return None


def _listed_safe(folder: Path) -> bool:
    for entry in os.environ.get(SAFE_ENV, "").split(os.pathsep):
        entry = entry.strip()
        if entry == "*":
            return True
        if entry:
            listed = Path(entry).expanduser().resolve()
            if folder == listed or listed in folder.parents:
                return True
    return False


def private_folder_problem(folder: Path) -> str | None:
    """Why the existing `folder` is not a private folder of the user's (None: it is)."""
    try:
        st = os.lstat(folder)
    except OSError as exc:
        return f"it cannot be checked ({exc.strerror})"
    if stat.S_ISLNK(st.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(st.st_mode):
        return "it is not a folder"
    if has_owners() and st.st_uid != os.geteuid():
        return f"it belongs to another user (uid {st.st_uid})"
    if others_can_write(st):
        return "other users can write to it"
    return None
