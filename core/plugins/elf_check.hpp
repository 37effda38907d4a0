// plugins: checks that an open file is a whole ELF shared object for this machine before the
// dynamic loader maps it (a truncated or foreign file would otherwise end in SIGBUS or worse).
// In: a descriptor and the file size from fstat on it. Out: an empty string, or the reason.
#pragma once

#include <cstdint>
#include <string>

namespace scorecard::plugins {

// The ELF header (magic, 64-bit class, this machine's byte order and architecture, type
// ET_DYN), every program header and every PT_LOAD / PT_DYNAMIC segment's bytes inside the
// file, and the section header table and each section's bytes inside the file. Reads with
// pread only; never maps the file.
std::string elf_problem(int fd, uint64_t file_size);

// The machine this build is for, as ELF names it ("x86-64", "AArch64"...), for messages.
const char* elf_machine_name(unsigned machine);

}  // namespace scorecard::plugins
