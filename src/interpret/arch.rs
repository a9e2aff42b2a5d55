//! Audit architectures (`arch=c000003e`) and their syscall tables.
//!
//! An AUDIT_ARCH value is an ELF machine number with two flag bits (linux/audit.h):
//! 0x80000000 for 64-bit and 0x40000000 for little-endian; MIPS n32 adds 0x20000000.

use super::tables::arch_values::HeaderArch;
use super::tables::syscalls;

const ARCH_64BIT: u32 = 0x8000_0000;
const ARCH_LE: u32 = 0x4000_0000;
const ARCH_MIPS_N32: u32 = 0x2000_0000;

const EM_386: u32 = 3;
const EM_MIPS: u32 = 8;
const EM_PPC: u32 = 20;
const EM_PPC64: u32 = 21;
const EM_S390: u32 = 22;
const EM_ARM: u32 = 40;
const EM_X86_64: u32 = 62;
const EM_AARCH64: u32 = 183;
const EM_RISCV: u32 = 243;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arch(pub u32);

type Table = &'static [(u32, &'static str)];

impl Arch {
    /// Parses the hex value of an `arch=` field.
    pub fn from_field(value: &[u8]) -> Option<Arch> {
        let text = std::str::from_utf8(value).ok()?;
        u32::from_str_radix(text, 16).ok().map(Arch)
    }

    fn machine(self) -> u32 {
        self.0 & 0xffff
    }

    pub fn is_64bit(self) -> bool {
        self.0 & ARCH_64BIT != 0
    }

    pub fn is_little_endian(self) -> bool {
        self.0 & ARCH_LE != 0
    }

    /// The name auparse prints (`x86_64`, `i386`, `ppc64le`, …).
    pub fn name(self) -> Option<&'static str> {
        let (le, b64) = (self.is_little_endian(), self.is_64bit());
        Some(match self.machine() {
            EM_386 => "i386",
            EM_X86_64 => "x86_64",
            EM_AARCH64 => "aarch64",
            EM_ARM => "arm",
            EM_PPC => "ppc",
            EM_PPC64 if le => "ppc64le",
            EM_PPC64 => "ppc64",
            EM_S390 if b64 => "s390x",
            EM_S390 => "s390",
            EM_RISCV if b64 => "riscv64",
            EM_RISCV => "riscv32",
            EM_MIPS => match (b64, self.0 & ARCH_MIPS_N32 != 0, le) {
                (true, true, true) => "mips64n32el",
                (true, true, false) => "mips64n32",
                (true, false, true) => "mips64el",
                (true, false, false) => "mips64",
                (false, _, true) => "mipsel",
                (false, _, false) => "mips",
            },
            _ => return None,
        })
    }

    /// Whose kernel headers give this architecture's flag and constant numbers; x86's for an
    /// architecture ausift has no headers of.
    pub fn header_arch(self) -> HeaderArch {
        match self.machine() {
            EM_ARM => HeaderArch::Arm,
            EM_AARCH64 => HeaderArch::Aarch64,
            EM_PPC => HeaderArch::Powerpc,
            EM_PPC64 => HeaderArch::Powerpc64,
            EM_S390 => HeaderArch::S390,
            EM_MIPS if self.is_64bit() => HeaderArch::Mips64,
            EM_MIPS => HeaderArch::Mips,
            EM_RISCV => HeaderArch::Riscv,
            _ => HeaderArch::X86,
        }
    }

    /// s390 passes clone()'s flags second, every other architecture first.
    pub fn is_s390(self) -> bool {
        self.machine() == EM_S390
    }

    /// The syscall table of this architecture, if ausift carries one.
    pub fn syscall_table(self) -> Option<Table> {
        let b64 = self.is_64bit();
        Some(match self.machine() {
            EM_386 => syscalls::I386,
            EM_X86_64 => syscalls::X86_64,
            EM_AARCH64 => syscalls::AARCH64,
            EM_ARM => syscalls::ARM,
            EM_PPC => syscalls::PPC,
            EM_PPC64 => syscalls::PPC64,
            EM_S390 if b64 => syscalls::S390X,
            EM_RISCV if b64 => syscalls::RISCV64,
            EM_RISCV => syscalls::RISCV32,
            EM_MIPS if !b64 => syscalls::MIPS_O32,
            EM_MIPS if self.0 & ARCH_MIPS_N32 == 0 => syscalls::MIPS_N64,
            _ => return None,
        })
    }

    pub fn syscall_name(self, number: u32) -> Option<&'static str> {
        let table = self.syscall_table()?;
        table
            .binary_search_by_key(&number, |&(n, _)| n)
            .ok()
            .map(|i| table[i].1)
    }

    pub fn syscall_number(self, name: &str) -> Option<u32> {
        self.syscall_table()?
            .iter()
            .find(|&&(_, n)| n == name)
            .map(|&(number, _)| number)
    }

    /// The architectures a user can name (`--arch`), with their AUDIT_ARCH values.
    pub fn by_name(name: &str) -> Option<Arch> {
        let code = match name {
            "x86_64" | "amd64" => EM_X86_64 | ARCH_64BIT | ARCH_LE,
            "i386" | "i486" | "i586" | "i686" | "x86" => EM_386 | ARCH_LE,
            "aarch64" | "arm64" | "armv8l" => EM_AARCH64 | ARCH_64BIT | ARCH_LE,
            "arm" | "armv7l" | "armv6l" | "armv5tel" => EM_ARM | ARCH_LE,
            "ppc" => EM_PPC,
            "ppc64" => EM_PPC64 | ARCH_64BIT,
            "ppc64le" => EM_PPC64 | ARCH_64BIT | ARCH_LE,
            "s390" => EM_S390,
            "s390x" => EM_S390 | ARCH_64BIT,
            "riscv32" => EM_RISCV | ARCH_LE,
            "riscv64" => EM_RISCV | ARCH_64BIT | ARCH_LE,
            "mips" => EM_MIPS,
            "mipsel" => EM_MIPS | ARCH_LE,
            "mips64" => EM_MIPS | ARCH_64BIT,
            "mips64el" => EM_MIPS | ARCH_64BIT | ARCH_LE,
            _ => return None,
        };
        Some(Arch(code))
    }

    /// Every architecture with a syscall table, for resolving a syscall name on all of them.
    pub fn all() -> impl Iterator<Item = Arch> {
        [
            "x86_64", "i386", "aarch64", "arm", "ppc", "ppc64", "ppc64le", "s390x", "riscv32",
            "riscv64", "mips", "mips64",
        ]
        .into_iter()
        .filter_map(Arch::by_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_tables_follow_the_arch_bits() {
        let x86_64 = Arch::from_field(b"c000003e").unwrap();
        assert_eq!(x86_64.name(), Some("x86_64"));
        assert_eq!(x86_64.syscall_name(59), Some("execve"));
        assert_eq!(x86_64.syscall_number("connect"), Some(42));
        let i386 = Arch::from_field(b"40000003").unwrap();
        assert_eq!(i386.syscall_name(102), Some("socketcall"));
        assert_eq!(i386.syscall_name(11), Some("execve"));
        let aarch64 = Arch::from_field(b"c00000b7").unwrap();
        assert_eq!(aarch64.syscall_name(221), Some("execve"));
        let ppc64 = Arch::from_field(b"80000015").unwrap();
        assert_eq!(ppc64.name(), Some("ppc64"));
        assert!(!ppc64.is_little_endian());
        assert_eq!(ppc64.syscall_name(328), Some("connect"));
    }
}
