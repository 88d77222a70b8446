// SPDX-License-Identifier: MIT
#include "full_disk_vfs.h"

#include <sqlite3.h>

#include <atomic>
#include <cstring>

namespace fieldbook::test {
namespace {

std::atomic<bool> g_full{false};
std::atomic<long> g_refused{0};
sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs;

// Our file object; the real VFS's file object follows it in the same allocation.
struct ShimFile {
    sqlite3_file base;
    sqlite3_file* real;
};

sqlite3_file* real(sqlite3_file* f) {
    return reinterpret_cast<ShimFile*>(f)->real;
}

int shimClose(sqlite3_file* f) {
    return real(f)->pMethods->xClose(real(f));
}
int shimRead(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
    return real(f)->pMethods->xRead(real(f), buf, n, off);
}
int shimWrite(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    if (g_full) {
        ++g_refused;
        return SQLITE_FULL;
    }
    return real(f)->pMethods->xWrite(real(f), buf, n, off);
}
int shimTruncate(sqlite3_file* f, sqlite3_int64 size) {
    if (g_full) {
        ++g_refused;
        return SQLITE_FULL;
    }
    return real(f)->pMethods->xTruncate(real(f), size);
}
int shimSync(sqlite3_file* f, int flags) {
    return real(f)->pMethods->xSync(real(f), flags);
}
int shimFileSize(sqlite3_file* f, sqlite3_int64* size) {
    return real(f)->pMethods->xFileSize(real(f), size);
}
int shimLock(sqlite3_file* f, int lock) {
    return real(f)->pMethods->xLock(real(f), lock);
}
int shimUnlock(sqlite3_file* f, int lock) {
    return real(f)->pMethods->xUnlock(real(f), lock);
}
int shimCheckReservedLock(sqlite3_file* f, int* out) {
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int shimFileControl(sqlite3_file* f, int op, void* arg) {
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int shimSectorSize(sqlite3_file* f) {
    return real(f)->pMethods->xSectorSize(real(f));
}
int shimDeviceCharacteristics(sqlite3_file* f) {
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int shimShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}
int shimShmLock(sqlite3_file* f, int offset, int n, int flags) {
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void shimShmBarrier(sqlite3_file* f) {
    real(f)->pMethods->xShmBarrier(real(f));
}
int shimShmUnmap(sqlite3_file* f, int deleteFlag) {
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}
int shimFetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
    return real(f)->pMethods->xFetch(real(f), off, n, out);
}
int shimUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
    return real(f)->pMethods->xUnfetch(real(f), off, p);
}

// Version 3 methods; the default unix VFS's files are version 3 too, and a
// file with an older table is given one of its own version below.
const sqlite3_io_methods kMethods[4] = {
    {},
    {1, shimClose, shimRead, shimWrite, shimTruncate, shimSync, shimFileSize, shimLock, shimUnlock,
     shimCheckReservedLock, shimFileControl, shimSectorSize, shimDeviceCharacteristics, nullptr,
     nullptr, nullptr, nullptr, nullptr, nullptr},
    {2, shimClose, shimRead, shimWrite, shimTruncate, shimSync, shimFileSize, shimLock, shimUnlock,
     shimCheckReservedLock, shimFileControl, shimSectorSize, shimDeviceCharacteristics, shimShmMap,
     shimShmLock, shimShmBarrier, shimShmUnmap, nullptr, nullptr},
    {3, shimClose, shimRead, shimWrite, shimTruncate, shimSync, shimFileSize, shimLock, shimUnlock,
     shimCheckReservedLock, shimFileControl, shimSectorSize, shimDeviceCharacteristics, shimShmMap,
     shimShmLock, shimShmBarrier, shimShmUnmap, shimFetch, shimUnfetch},
};

int shimOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* outFlags) {
    auto* p = reinterpret_cast<ShimFile*>(f);
    p->real = reinterpret_cast<sqlite3_file*>(p + 1);
    int rc = g_real->xOpen(g_real, name, p->real, flags, outFlags);
    if (rc == SQLITE_OK && p->real->pMethods) {
        int version = p->real->pMethods->iVersion;
        f->pMethods = &kMethods[version < 1 ? 1 : (version > 3 ? 3 : version)];
    } else {
        f->pMethods = nullptr;
    }
    return rc;
}
int shimDelete(sqlite3_vfs*, const char* name, int syncDir) {
    return g_real->xDelete(g_real, name, syncDir);
}
int shimAccess(sqlite3_vfs*, const char* name, int flags, int* out) {
    return g_real->xAccess(g_real, name, flags, out);
}
int shimFullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return g_real->xFullPathname(g_real, name, n, out);
}
void* shimDlOpen(sqlite3_vfs*, const char* name) {
    return g_real->xDlOpen(g_real, name);
}
void shimDlError(sqlite3_vfs*, int n, char* out) {
    g_real->xDlError(g_real, n, out);
}
void (*shimDlSym(sqlite3_vfs*, void* h, const char* sym))(void) {
    return g_real->xDlSym(g_real, h, sym);
}
void shimDlClose(sqlite3_vfs*, void* h) {
    g_real->xDlClose(g_real, h);
}
int shimRandomness(sqlite3_vfs*, int n, char* out) {
    return g_real->xRandomness(g_real, n, out);
}
int shimSleep(sqlite3_vfs*, int us) {
    return g_real->xSleep(g_real, us);
}
int shimCurrentTime(sqlite3_vfs*, double* out) {
    return g_real->xCurrentTime(g_real, out);
}
int shimGetLastError(sqlite3_vfs*, int n, char* out) {
    return g_real->xGetLastError ? g_real->xGetLastError(g_real, n, out) : 0;
}
int shimCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
    return g_real->xCurrentTimeInt64(g_real, out);
}

} // namespace

bool installFullDiskVfs() {
    if (g_real) {
        return true;
    }
    g_real = sqlite3_vfs_find(nullptr);
    if (!g_real || g_real->iVersion < 2) {
        return false;
    }
    std::memset(&g_vfs, 0, sizeof g_vfs);
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real->szOsFile;
    g_vfs.mxPathname = g_real->mxPathname;
    g_vfs.zName = "fieldbook-full-disk";
    g_vfs.xOpen = shimOpen;
    g_vfs.xDelete = shimDelete;
    g_vfs.xAccess = shimAccess;
    g_vfs.xFullPathname = shimFullPathname;
    g_vfs.xDlOpen = shimDlOpen;
    g_vfs.xDlError = shimDlError;
    g_vfs.xDlSym = shimDlSym;
    g_vfs.xDlClose = shimDlClose;
    g_vfs.xRandomness = shimRandomness;
    g_vfs.xSleep = shimSleep;
    g_vfs.xCurrentTime = shimCurrentTime;
    g_vfs.xGetLastError = shimGetLastError;
    g_vfs.xCurrentTimeInt64 = shimCurrentTimeInt64;
    return sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
}

void setDiskFull(bool full) {
    g_full = full;
}

long refusedWrites() {
    return g_refused;
}

} // namespace fieldbook::test
