// datasets/returns_xml: streams a statutory return's XML (with expat) one record at a time.
// In: an XML file and which elements are records (CHILD of an SSDA903 return, Child of a CIN
// census, CSWWWorker of a workforce census). Out: each record as a small tree of elements with
// their text and position, handed to a callback and forgotten, so memory does not grow with
// the file. Elements outside records are reported to the callback as they end.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace scorecard::datasets::returns {

// A file that is not well-formed XML (or cannot be read): the parser's own message and
// position (line 1-based, column 1-based, in bytes).
class XmlError : public std::runtime_error {
 public:
  XmlError(std::string file, size_t line, size_t column, const std::string& message)
      : std::runtime_error(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                           message),
        file(std::move(file)),
        line(line),
        column(column),
        reason(message) {}
  std::string file;
  size_t line, column;
  std::string reason;
};

// One record's elements, in document order; element 0 is the record itself.
class XmlTree {
 public:
  struct Element {
    uint32_t name_at = 0, name_size = 0;  // in the tree's text
    uint32_t text_at = 0, text_size = 0;  // trimmed text of an element without children
    uint32_t line = 0, column = 0;        // where its start tag is
    int32_t parent = -1, first_child = -1, next_sibling = -1, last_child = -1;
  };

  const Element& at(int32_t i) const { return elements_[static_cast<size_t>(i)]; }
  std::string_view name(int32_t i) const {
    const Element& e = at(i);
    return {text_.data() + e.name_at, e.name_size};
  }
  std::string_view text(int32_t i) const {
    const Element& e = at(i);
    return {text_.data() + e.text_at, e.text_size};
  }
  bool leaf(int32_t i) const { return at(i).first_child < 0; }
  // The first child of `parent` named `name`, or -1.
  int32_t child(int32_t parent, std::string_view name) const;
  // Text that was found beside child elements (mixed content), with its line: reported.
  struct Stray {
    int32_t element;
    uint32_t line, column;
    std::string text;
  };
  const std::vector<Stray>& strays() const { return strays_; }

  // Filled by stream_xml.
  std::vector<Element> elements_;
  std::string text_;
  std::vector<Stray> strays_;
};

// What the stream tells its user.
struct XmlEvents {
  // Is the element at `path` ("Message/Children/Child") a record? Called for each start tag
  // outside a record.
  std::function<bool(const std::string& path)> is_record;
  // A record has ended; `path` is where it was.
  std::function<void(const std::string& path, const XmlTree& record)> record;
  // An element outside any record has ended (a container such as Children, or something
  // unknown): its path, trimmed text (when it had no children) and position.
  std::function<void(const std::string& path, std::string_view text, uint32_t line,
                     uint32_t column)>
      other;
};

// Parses `file` from start to end. Throws XmlError (not well-formed, unreadable). Returns the
// number of bytes read.
uint64_t stream_xml(const std::filesystem::path& file, const XmlEvents& events);

// The root element's name and the text of the element at `path` below it (e.g.
// "Header/CollectionDetails/Collection"), from the file's first 64 KiB. Throws XmlError when
// that much is not well-formed XML.
struct XmlSniff {
  std::string root;
  std::string collection;      // text at the path, or ""
  std::string reference_date;  // text of Header/CollectionDetails/ReferenceDate, or ""
};
XmlSniff sniff_xml(const std::filesystem::path& file);

}  // namespace scorecard::datasets::returns
