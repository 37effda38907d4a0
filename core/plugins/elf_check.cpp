#include "core/plugins/elf_check.hpp"

#include <elf.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace scorecard::plugins {
namespace {

#if defined(__x86_64__)
constexpr unsigned kMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr unsigned kMachine = EM_AARCH64;
#elif defined(__powerpc64__)
constexpr unsigned kMachine = EM_PPC64;
#elif defined(__s390x__)
constexpr unsigned kMachine = EM_S390;
#elif defined(__riscv) && __riscv_xlen == 64
constexpr unsigned kMachine = EM_RISCV;
#else
#error "scorecard's plugin check knows no ELF machine for this architecture"
#endif
static_assert(sizeof(void*) == 8, "scorecard loads 64-bit plugins only");

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
constexpr unsigned char kData = ELFDATA2LSB;
#else
constexpr unsigned char kData = ELFDATA2MSB;
#endif

// Reads exactly `size` bytes at `offset`; false at end of file or on an error.
bool read_at(int fd, void* out, size_t size, uint64_t offset) {
  auto* p = static_cast<unsigned char*>(out);
  while (size > 0) {
    const ssize_t n = ::pread(fd, p, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    offset += static_cast<uint64_t>(n);
    size -= static_cast<size_t>(n);
  }
  return true;
}

// [offset, offset + length) lies inside a file of `size` bytes (no overflow).
bool inside(uint64_t offset, uint64_t length, uint64_t size) {
  return offset <= size && length <= size - offset;
}

}  // namespace

const char* elf_machine_name(unsigned machine) {
  switch (machine) {
    case EM_386: return "Intel 80386 (32-bit x86)";
    case EM_X86_64: return "x86-64";
    case EM_ARM: return "ARM (32-bit)";
    case EM_AARCH64: return "AArch64";
    case EM_PPC64: return "PowerPC 64";
    case EM_S390: return "IBM S/390";
    case EM_RISCV: return "RISC-V";
    case EM_MIPS: return "MIPS";
    default: return "an unknown machine";
  }
}

std::string elf_problem(int fd, uint64_t file_size) {
  const std::string truncated = " (a truncated or unfinished copy?)";
  if (file_size == 0) return "it is an empty file (0 bytes), not a plugin" + truncated;
  unsigned char ident[EI_NIDENT] = {};
  const size_t head = file_size < EI_NIDENT ? static_cast<size_t>(file_size) : EI_NIDENT;
  if (!read_at(fd, ident, head, 0)) return std::string("cannot read it: ") + std::strerror(errno);
  if (head < SELFMAG || std::memcmp(ident, ELFMAG, SELFMAG) != 0)
    return "it is not an ELF shared library (no ELF magic number at its start)";
  if (file_size < sizeof(Elf64_Ehdr))
    return fmt::format("it is only {} bytes, too short for an ELF header{}", file_size, truncated);
  if (ident[EI_CLASS] != ELFCLASS64)
    return ident[EI_CLASS] == ELFCLASS32
               ? "it is a 32-bit ELF file; this scorecard loads 64-bit plugins only"
               : "its ELF class is neither 32- nor 64-bit: the file is corrupt";
  if (ident[EI_DATA] != kData)
    return ident[EI_DATA] == ELFDATA2LSB || ident[EI_DATA] == ELFDATA2MSB
               ? "it was built for a machine of the other byte order"
               : "its ELF byte order is invalid: the file is corrupt";
  Elf64_Ehdr eh;
  if (!read_at(fd, &eh, sizeof eh, 0)) return "cannot read its ELF header" + truncated;
  if (eh.e_machine != kMachine)
    return fmt::format("it was built for {} (ELF machine {}), but this scorecard runs on {}",
                       elf_machine_name(eh.e_machine), eh.e_machine, elf_machine_name(kMachine));
  if (eh.e_type != ET_DYN)
    return eh.e_type == ET_EXEC  ? "it is an executable program, not a shared library"
           : eh.e_type == ET_REL ? "it is an object file (.o), not a shared library: link it"
                                 : "it is not a shared library (ELF type is not ET_DYN)";
  if (eh.e_version != EV_CURRENT || eh.e_ehsize != sizeof(Elf64_Ehdr))
    return "its ELF header is corrupt (version or header size)";

  // Program headers: the segments the dynamic loader maps.
  if (eh.e_phnum == 0) return "it has no program headers: not a loadable library";
  if (eh.e_phentsize != sizeof(Elf64_Phdr))
    return "its program header entries have the wrong size: the file is corrupt";
  const uint64_t ph_bytes = uint64_t{eh.e_phnum} * sizeof(Elf64_Phdr);
  if (!inside(eh.e_phoff, ph_bytes, file_size))
    return fmt::format("its program headers end at byte {} but the file is {} bytes{}",
                       eh.e_phoff + ph_bytes, file_size, truncated);
  std::vector<Elf64_Phdr> ph(eh.e_phnum);
  if (!read_at(fd, ph.data(), ph_bytes, eh.e_phoff))
    return "cannot read its program headers" + truncated;
  size_t loads = 0;
  for (size_t i = 0; i < ph.size(); ++i) {
    const Elf64_Phdr& p = ph[i];
    if (p.p_type != PT_LOAD && p.p_type != PT_DYNAMIC) continue;
    if (p.p_type == PT_LOAD) ++loads;
    if (p.p_filesz > p.p_memsz && p.p_type == PT_LOAD)
      return fmt::format("its loadable segment {} is larger in the file than in memory: corrupt",
                         i);
    if (!inside(p.p_offset, p.p_filesz, file_size))
      return fmt::format("its {} segment {} needs bytes {} to {} but the file is {} bytes{}",
                         p.p_type == PT_LOAD ? "loadable" : "dynamic", i, p.p_offset,
                         p.p_offset + p.p_filesz, file_size, truncated);
  }
  if (loads == 0) return "it has no loadable segment: not a loadable library";

  // Section headers: not needed to load, but read by the loader's symbol lookup tools and a
  // cheap check that the whole file is there (the table is usually at the very end).
  if (eh.e_shoff != 0 || eh.e_shnum != 0) {
    if (eh.e_shentsize != sizeof(Elf64_Shdr))
      return "its section header entries have the wrong size: the file is corrupt";
    const uint64_t sh_bytes = uint64_t{eh.e_shnum} * sizeof(Elf64_Shdr);
    if (!inside(eh.e_shoff, sh_bytes, file_size))
      return fmt::format("its section headers end at byte {} but the file is {} bytes{}",
                         eh.e_shoff + sh_bytes, file_size, truncated);
    if (eh.e_shnum > 0 && eh.e_shstrndx != SHN_UNDEF && eh.e_shstrndx >= eh.e_shnum)
      return "its section name table index is out of range: the file is corrupt";
    std::vector<Elf64_Shdr> sh(eh.e_shnum);
    if (!read_at(fd, sh.data(), sh_bytes, eh.e_shoff))
      return "cannot read its section headers" + truncated;
    for (size_t i = 0; i < sh.size(); ++i) {
      const Elf64_Shdr& s = sh[i];
      if (s.sh_type == SHT_NOBITS || s.sh_type == SHT_NULL) continue;
      if (!inside(s.sh_offset, s.sh_size, file_size))
        return fmt::format("its section {} needs bytes {} to {} but the file is {} bytes{}", i,
                           s.sh_offset, s.sh_offset + s.sh_size, file_size, truncated);
    }
  }
  return "";
}

}  // namespace scorecard::plugins
