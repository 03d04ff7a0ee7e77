// Atomic file output: temporary file in the same directory, flushed, then renamed.
#include "corridor/report/atomic_file.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "corridor/error.hpp"

namespace corridor::report {

void write_atomically(const std::string& path, std::string_view content) {
  write_atomically(path, [content](std::ostream& out) {
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  });
}

void write_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  const std::string tmp = fmt::format("{}.tmp.{}", path, static_cast<long>(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw Error(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
    }
    try {
      write(out);
    } catch (...) {
      out.close();
      std::remove(tmp.c_str());
      throw;
    }
    out.flush();
    if (!out) {
      const int err = errno;
      out.close();
      std::remove(tmp.c_str());
      throw Error(fmt::format("cannot write '{}': {}", path, std::strerror(err)));
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    std::remove(tmp.c_str());
    throw Error(fmt::format("cannot write '{}': {}", path, std::strerror(err)));
  }
}

void make_directory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(fmt::format("cannot create directory '{}': {}", dir, ec.message()));
}

void write_files_atomically(const std::string& dir,
                            const std::map<std::string, std::string>& files) {
  make_directory(dir);
  for (const auto& [name, content] : files) {
    write_atomically((std::filesystem::path(dir) / name).string(), content);
  }
}

BlockBuffer::BlockBuffer(std::size_t block_size) : block_size_(block_size) {}

std::size_t BlockBuffer::size() const {
  if (blocks_.empty()) return 0;
  return (blocks_.size() - 1) * block_size_ + static_cast<std::size_t>(pptr() - pbase());
}

void BlockBuffer::write_to(std::ostream& out) const {
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    const bool last = b + 1 == blocks_.size();
    const std::size_t n = last ? static_cast<std::size_t>(pptr() - pbase()) : block_size_;
    out.write(blocks_[b].get(), static_cast<std::streamsize>(n));
  }
}

BlockBuffer::int_type BlockBuffer::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  // The current block (if any) is full: start the next one.
  blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_size_));
  char* begin = blocks_.back().get();
  setp(begin, begin + block_size_);
  *pptr() = traits_type::to_char_type(ch);
  pbump(1);
  return ch;
}

}  // namespace corridor::report
