#include "chansync/test/aof.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace chansync::test {

AofMark MarkAof(const RedisServer& redis) {
  const std::filesystem::path dir = std::filesystem::path(redis.dir()) / "appendonlydir";
  std::ifstream manifest(dir / "appendonly.aof.manifest");
  if (!manifest) throw std::runtime_error("no AOF manifest in " + dir.string());
  // Lines "file <name> seq <n> type <b|h|i>": the last one of type i is the file being written.
  std::string incremental;
  for (std::string line; std::getline(manifest, line);) {
    std::istringstream fields(line);
    std::string file_word, name, seq_word, seq, type_word, type;
    fields >> file_word >> name >> seq_word >> seq >> type_word >> type;
    if (file_word == "file" && type == "i") incremental = name;
  }
  if (incremental.empty()) throw std::runtime_error("no incremental AOF in " + dir.string());
  const std::filesystem::path path = dir / incremental;
  return AofMark{path.string(), std::filesystem::file_size(path)};
}

uintmax_t CutAofBackTo(const AofMark& mark) {
  const uintmax_t size = std::filesystem::file_size(mark.incremental_path);
  if (size < mark.size)
    throw std::runtime_error("the AOF shrank below its mark: was it rewritten?");
  std::filesystem::resize_file(mark.incremental_path, mark.size);
  return size - mark.size;
}

}  // namespace chansync::test
