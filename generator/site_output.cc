#include "generator/site_output.h"

#include "generator/assets.h"

namespace morsel::gen {

bool SiteOutput::Fail(const std::string& path, std::string error) {
  failed_path_ = folder_.empty() ? path : JoinPath(folder_, path);
  error_ = std::move(error);
  return false;
}

bool SiteOutput::Add(const std::string& path, std::string_view contents) {
  return Open(path) && Append(contents) && Close();
}

bool SiteOutput::Open(const std::string& path) {
  open_ = path;
  open_hash_ = core::Sha256();
  manifest_[path] = OutputFile();
  pending_.clear();
  started_ = false;
  return true;
}

bool SiteOutput::Append(std::string_view piece) {
  manifest_[open_].size += piece.size();
  if (fs_ == nullptr) return true;
  open_hash_.Update(piece);
  if (pending_.empty() && piece.size() >= kPendingBytes) return Write(piece);  // no copy of a large file
  pending_.append(piece);
  return pending_.size() < kPendingBytes || Flush();
}

bool SiteOutput::Write(std::string_view bytes) {
  std::string error;
  const std::string path = JoinPath(folder_, open_);
  const bool written = started_ ? fs_->AppendFile(path, bytes, &error) : fs_->WriteFile(path, bytes, &error);
  started_ = true;
  return written || Fail(open_, error);
}

bool SiteOutput::Flush() {
  const bool written = Write(pending_);
  pending_.clear();
  return written;
}

bool SiteOutput::Close() {
  if (open_.empty()) return true;
  bool written = true;
  if (fs_ != nullptr) {
    OutputFile& file = manifest_[open_];
    file.digest = open_hash_.Finish();
    const auto before = previous_ != nullptr ? previous_->find(open_) : PreviousOutput::const_iterator();
    if (previous_ != nullptr && before != previous_->end() && before->second.size == file.size &&
        before->second.digest == file.digest) {
      // Kept: unwritten if it fit in what is held back; a large file (a single-file
      // edition), written as it came so as not to be held whole, is removed again.
      file.kept = before->second.kept;
      pending_.clear();
      std::string error;
      if (started_ && !fs_->RemoveAll(JoinPath(folder_, open_), &error)) written = Fail(open_, error);
    } else {
      written = (started_ && pending_.empty()) || Flush();
    }
  }
  open_.clear();
  return written;
}

void SiteOutput::Absorb(const std::map<std::string, OutputFile>& files, const std::string& failed_path,
                        const std::string& error) {
  for (const auto& [path, file] : files) manifest_[path] = file;
  if (error_.empty() && !error.empty()) {
    failed_path_ = failed_path;
    error_ = error;
  }
}

std::string SiteOutput::FolderFingerprint(const std::string& folder) const {
  const std::string_view separator("\0", 1);
  core::Sha256 sha;
  for (auto it = manifest_.lower_bound(folder); it != manifest_.end() && it->first.rfind(folder, 0) == 0; ++it) {
    sha.Update(std::string_view(it->first).substr(folder.size()));
    sha.Update(separator);
    sha.Update(std::string_view(reinterpret_cast<const char*>(it->second.digest.data()), it->second.digest.size()));
  }
  return sha.HexDigest().substr(0, kFingerprintLength);
}

namespace {

std::string WithoutSlash(const std::string& folder) {
  return !folder.empty() && folder.back() == '/' ? folder.substr(0, folder.size() - 1) : folder;
}

}  // namespace

bool SiteOutput::RenameFolder(const std::string& from, const std::string& to) {
  std::map<std::string, OutputFile> moved;
  bool written = false;  // whether the staging folder holds any of them (none when all were kept)
  for (auto it = manifest_.lower_bound(from); it != manifest_.end() && it->first.rfind(from, 0) == 0;) {
    written = written || it->second.kept.empty();
    moved.emplace(to + it->first.substr(from.size()), it->second);
    it = manifest_.erase(it);
  }
  std::string error;
  if (fs_ != nullptr && written &&
      !fs_->Rename(JoinPath(folder_, WithoutSlash(from)), JoinPath(folder_, WithoutSlash(to)), &error)) {
    return Fail(from, error);
  }
  renamed_[to] = from;
  manifest_.merge(moved);
  return true;
}

}  // namespace morsel::gen
