// The XML stream behind the return readers: expat's events turned into one small tree per
// record. No exception crosses expat (a C library): a callback's exception stops the parser
// and is thrown again once XML_Parse has returned.
#include "core/datasets/returns_xml.hpp"

#include <expat.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>

#include "core/datasets/csv.hpp"

namespace scorecard::datasets::returns {

namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

struct ParserDeleter {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};
using Parser = std::unique_ptr<XML_ParserStruct, ParserDeleter>;

// The state of one parse: the path of open elements, the record being collected.
class Collector {
 public:
  Collector(XML_Parser parser, const XmlEvents& events) : parser_(parser), events_(events) {}

  void start(const char* name) {
    const uint32_t line = static_cast<uint32_t>(XML_GetCurrentLineNumber(parser_));
    const uint32_t column = static_cast<uint32_t>(XML_GetCurrentColumnNumber(parser_) + 1);
    if (!open_.empty()) {
      add_element(name, line, column);
      return;
    }
    lengths_.push_back(path_.size());
    if (lengths_.size() > 1) path_ += '/';
    path_ += name;
    positions_.push_back({line, column});
    clear_pending();
    if (events_.is_record && events_.is_record(path_)) {
      tree_.elements_.clear();
      tree_.text_.clear();
      tree_.strays_.clear();
      add_element(name, line, column);
    }
  }

  void end() {
    if (!open_.empty()) {
      close_element();
      if (!open_.empty()) return;
      if (events_.record) events_.record(path_, tree_);
    } else if (events_.other) {
      events_.other(path_, trimmed(pending_), positions_.back().first, positions_.back().second);
    }
    clear_pending();
    path_.resize(lengths_.back());
    lengths_.pop_back();
    positions_.pop_back();
  }

  void text(const char* s, int len) {
    if (!text_seen_)
      for (int i = 0; i < len; ++i) {
        if (space(s[i])) continue;
        // Where text beside child elements would be reported: its first character.
        text_line_ = static_cast<uint32_t>(XML_GetCurrentLineNumber(parser_));
        text_column_ = static_cast<uint32_t>(XML_GetCurrentColumnNumber(parser_) + 1);
        text_seen_ = true;
        break;
      }
    pending_.append(s, static_cast<size_t>(len));
  }

 private:
  void add_element(const char* name, uint32_t line, uint32_t column) {
    auto& els = tree_.elements_;
    if (!open_.empty()) note_stray(open_.back());
    clear_pending();
    XmlTree::Element e;
    const size_t n = std::strlen(name);
    e.name_at = static_cast<uint32_t>(tree_.text_.size());
    e.name_size = static_cast<uint32_t>(n);
    tree_.text_.append(name, n);
    e.line = line;
    e.column = column;
    const auto index = static_cast<int32_t>(els.size());
    if (!open_.empty()) {
      e.parent = open_.back();
      XmlTree::Element& parent = els[static_cast<size_t>(e.parent)];
      if (parent.last_child < 0) {
        parent.first_child = index;
      } else {
        els[static_cast<size_t>(parent.last_child)].next_sibling = index;
      }
      parent.last_child = index;
    }
    els.push_back(e);
    open_.push_back(index);
  }

  void close_element() {
    const int32_t i = open_.back();
    XmlTree::Element& e = tree_.elements_[static_cast<size_t>(i)];
    if (e.first_child < 0) {
      const std::string_view t = trimmed(pending_);
      e.text_at = static_cast<uint32_t>(tree_.text_.size());
      e.text_size = static_cast<uint32_t>(t.size());
      tree_.text_.append(t);
    } else {
      note_stray(i);
    }
    clear_pending();
    open_.pop_back();
  }

  // Text beside child elements: kept for a message, never as a value.
  void note_stray(int32_t element) {
    const std::string_view t = trimmed(pending_);
    if (t.empty()) return;
    tree_.strays_.push_back({element, text_line_, text_column_, std::string(t.substr(0, 60))});
  }

  void clear_pending() {
    pending_.clear();
    text_seen_ = false;
  }

  XML_Parser parser_;
  const XmlEvents& events_;
  std::string path_;                                      // outside records
  std::vector<size_t> lengths_;                           // path_ length before each element
  std::vector<std::pair<uint32_t, uint32_t>> positions_;  // start tags outside records
  std::string pending_;                                   // text since the last tag
  bool text_seen_ = false;  // pending_ has more than white space, first at:
  uint32_t text_line_ = 0, text_column_ = 0;
  XmlTree tree_;
  std::vector<int32_t> open_;  // open elements of the record
};

struct Context {
  Collector* collector;
  XML_Parser parser;
  std::exception_ptr error;
};

template <class F>
void guarded(void* data, F&& f) {
  auto* c = static_cast<Context*>(data);
  if (c->error) return;
  try {
    f(*c->collector);
  } catch (...) {
    c->error = std::current_exception();
    XML_StopParser(c->parser, XML_FALSE);
  }
}

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char**) {
  guarded(data, [&](Collector& c) { c.start(name); });
}
void XMLCALL on_end(void* data, const XML_Char*) {
  guarded(data, [&](Collector& c) { c.end(); });
}
void XMLCALL on_text(void* data, const XML_Char* s, int len) {
  guarded(data, [&](Collector& c) { c.text(s, len); });
}

Parser make_parser(const std::filesystem::path& file) {
  Parser p(XML_ParserCreate(nullptr));
  if (!p) throw XmlError(file.string(), 1, 1, "out of memory creating the XML parser");
  return p;
}

[[noreturn]] void parse_failed(XML_Parser p, const std::filesystem::path& file) {
  throw XmlError(file.string(), static_cast<size_t>(XML_GetCurrentLineNumber(p)),
                 static_cast<size_t>(XML_GetCurrentColumnNumber(p) + 1),
                 std::string("not well-formed XML: ") + XML_ErrorString(XML_GetErrorCode(p)));
}

class File {
 public:
  explicit File(const std::filesystem::path& path) : path_(path) {
    try {
      fd_ = csv::open_data_file(path);  // a folder, pipe or socket is refused, never waited on
    } catch (const std::runtime_error& e) {
      std::string why = e.what();
      const std::string prefix = "cannot read " + path.string() + ": ";
      if (why.compare(0, prefix.size(), prefix) == 0) why = why.substr(prefix.size());
      throw XmlError(path.string(), 1, 1, "cannot open: " + why);
    }
  }
  ~File() { ::close(fd_); }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  // Reads up to `size` bytes; 0 at the end.
  size_t read(void* into, size_t size) {
    for (;;) {
      const ssize_t n = ::read(fd_, into, size);
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR)
        throw XmlError(path_.string(), 1, 1, std::string("cannot read: ") + strerror(errno));
    }
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace

int32_t XmlTree::child(int32_t parent, std::string_view name) const {
  for (int32_t c = at(parent).first_child; c >= 0; c = at(c).next_sibling)
    if (this->name(c) == name) return c;
  return -1;
}

uint64_t stream_xml(const std::filesystem::path& file, const XmlEvents& events) {
  constexpr int kBlock = 1 << 20;
  Parser parser = make_parser(file);
  Collector collector(parser.get(), events);
  Context context{&collector, parser.get(), nullptr};
  XML_SetUserData(parser.get(), &context);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  File in(file);
  uint64_t bytes = 0;
  for (;;) {
    void* buffer = XML_GetBuffer(parser.get(), kBlock);
    if (!buffer) parse_failed(parser.get(), file);
    const size_t n = in.read(buffer, kBlock);
    bytes += n;
    const XML_Status status = XML_ParseBuffer(parser.get(), static_cast<int>(n), n == 0);
    if (context.error) std::rethrow_exception(context.error);
    if (status != XML_STATUS_OK) parse_failed(parser.get(), file);
    if (n == 0) break;
  }
  return bytes;
}

XmlSniff sniff_xml(const std::filesystem::path& file) {
  constexpr size_t kSniff = 64 << 10;
  XmlSniff out;
  Parser parser = make_parser(file);
  XmlEvents events;
  events.is_record = [&](const std::string& path) {
    if (out.root.empty()) out.root = path;
    return false;
  };
  events.other = [&](const std::string& path, std::string_view text, uint32_t, uint32_t) {
    const std::string header = out.root + "/Header";
    if (path == header + "/CollectionDetails/Collection") out.collection = text;
    if (path == header + "/CollectionDetails/ReferenceDate") out.reference_date = text;
  };
  Collector collector(parser.get(), events);
  Context context{&collector, parser.get(), nullptr};
  XML_SetUserData(parser.get(), &context);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  File in(file);
  std::string block(kSniff, '\0');
  const size_t n = in.read(block.data(), kSniff);
  const bool whole = n < kSniff;
  XML_Status status = XML_Parse(parser.get(), block.data(), static_cast<int>(n), whole);
  if (context.error) std::rethrow_exception(context.error);
  if (status != XML_STATUS_OK) parse_failed(parser.get(), file);
  if (out.root.empty() && whole) throw XmlError(file.string(), 1, 1, "no root element");
  return out;
}

}  // namespace scorecard::datasets::returns
