// SPDX-License-Identifier: MIT
// A SQLite VFS shim for disk-full tests (issue 4, proof 3): it wraps the
// default VFS and, while the switch is on, fails every write and truncate
// with SQLITE_FULL, as a full disk does. Reads keep working.
#pragma once

namespace fieldbook::test {

/// Registers the shim (once per process) as the DEFAULT VFS, so every
/// database this process opens afterwards (the device's replica included,
/// which opens with the default VFS) goes through it. Returns false if
/// SQLite refused the registration.
bool installFullDiskVfs();

/// Turns the full disk on (every xWrite/xTruncate fails with SQLITE_FULL) or off.
void setDiskFull(bool full);

/// Writes refused since the process started (to see that the switch took effect).
long refusedWrites();

} // namespace fieldbook::test
