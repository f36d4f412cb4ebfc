#include "runtime/core/answer_key.h"

#include <initializer_list>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

std::string AllBytes() {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  return bytes;
}

// Expected digests below are FIPS 180-2 appendix B vectors or were computed with
// python3 hashlib, independently of this implementation.
TEST_CASE("SHA-256 matches the NIST test vectors") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(Sha256Hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 pads correctly around block boundaries") {
  struct Vector {
    size_t length;
    const char* digest;
  };
  const Vector vectors[] = {
      {55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
      {56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
      {63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"},
      {64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
      {65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"},
      {119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"},
      {120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98"},
  };
  for (const Vector& v : vectors) {
    INFO(v.length << " bytes");
    CHECK(Sha256Hex(std::string(v.length, 'x')) == v.digest);
  }
  CHECK(Sha256Hex(AllBytes()) == "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
}

/// Sha256 of `data` fed in pieces of the given sizes, then the rest.
std::string HexInPieces(const std::string& data, std::initializer_list<size_t> sizes) {
  Sha256 sha;
  size_t at = 0;
  for (size_t size : sizes) {
    sha.Update(std::string_view(data).substr(at, size));
    at += size;
  }
  sha.Update(std::string_view(data).substr(at));
  return sha.HexDigest();
}

TEST_CASE("incremental SHA-256 matches the NIST test vectors") {
  CHECK(Sha256().HexDigest() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(HexInPieces("abc", {1, 0}) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(HexInPieces("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", {1, 27}) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // One million 'a' in pieces of 999 bytes, which straddle block boundaries.
  Sha256 million;
  const std::string piece(999, 'a');
  size_t left = 1000000;
  for (; left >= piece.size(); left -= piece.size()) million.Update(piece);
  million.Update(std::string(left, 'a'));
  CHECK(million.HexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("incremental SHA-256 gives the same digest wherever the updates split") {
  struct Vector {
    std::string message;
    const char* digest;
  };
  const Vector vectors[] = {
      // FIPS 180-2 appendix C.1's 896-bit message: 112 bytes, across one block boundary.
      {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
       "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
      // 256 bytes: four blocks, with padding in a fifth.
      {AllBytes(), "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880"},
  };
  for (const Vector& v : vectors) {
    INFO(v.message.size() << " bytes");
    const size_t n = v.message.size();
    for (size_t first = 0; first <= n; ++first) {
      INFO("first piece " << first << " bytes");
      CHECK(HexInPieces(v.message, {first}) == v.digest);
      for (size_t second = 0; first + second <= n; ++second) {
        if (HexInPieces(v.message, {first, second}) != v.digest) {
          FAIL_CHECK("then " << second << " bytes");
        }
      }
    }
    Sha256 bytewise;
    for (char c : v.message) bytewise.Update(std::string_view(&c, 1));
    CHECK(bytewise.HexDigest() == v.digest);
  }
}

TEST_CASE("a copy of a SHA-256 in progress goes on independently") {
  Sha256 prefix;
  prefix.Update("ab");
  Sha256 abc = prefix;
  abc.Update("c");
  Sha256 abd = prefix;
  abd.Update("d");
  const Sha256::Digest digest = abc.Finish();
  CHECK(digest.front() == 0xba);  // ba7816bf…15ad, as above
  CHECK(digest.back() == 0xad);
  CHECK(abd.HexDigest() == Sha256Hex("abd"));
  CHECK(prefix.HexDigest() == Sha256Hex("ab"));
}

TEST_CASE("HashAnswer is a stable salted, truncated SHA-256") {
  // python3: hashlib.sha256(b"site-salt\x1fparis").hexdigest()[:32]
  CHECK(HashAnswer("site-salt", "paris") == "8bf3bac8dbc1bbef963e310fc9a5781f");
  CHECK(HashAnswer("site-salt", "strasse") == "c8e4f42c8d77677abb146ba7ffb52fe4");
  CHECK(HashAnswer("site-salt", "paris").size() == 32);
  CHECK(HashAnswer("other-salt", "paris") != HashAnswer("site-salt", "paris"));
  // The separator keeps salt and answer apart.
  CHECK(HashAnswer("ab", "c") != HashAnswer("a", "bc"));
}

TEST_CASE("Base64 matches the RFC 4648 test vectors") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    INFO(plain);
    CHECK(Base64Encode(plain) == encoded);
    std::string decoded = "unchanged";
    REQUIRE(Base64Decode(encoded, &decoded));
    CHECK(decoded == plain);
  }
}

TEST_CASE("Base64 round-trips every byte value at every length modulo 3") {
  const std::string all = AllBytes();
  for (size_t length = 0; length <= all.size(); ++length) {
    std::string bytes = all.substr(all.size() - length);  // ends at 0xFF: high bits matter
    std::string decoded;
    REQUIRE(Base64Decode(Base64Encode(bytes), &decoded));
    CHECK(decoded == bytes);
  }
  CHECK(Base64Encode("\xfb\xff") == "+/8=");
}

TEST_CASE("Base64Decode rejects malformed text and leaves the output alone") {
  const char* malformed[] = {
      "Zg",        // not a multiple of 4
      "Zg=",       // ditto
      "Z===",      // too much padding
      "Zg==Zg==",  // padding before the end
      "Zm9v\n",    // whitespace
      "Zm 9",      // ditto
      "Zm9-",      // URL-safe alphabet
      "Zh==",      // non-zero padding bits ("Zg==" is canonical)
      "Zm9=",      // ditto ("Zm8=")
      "=Zg=",      // padding first
  };
  for (const char* text : malformed) {
    INFO(text);
    std::string bytes = "unchanged";
    CHECK_FALSE(Base64Decode(text, &bytes));
    CHECK(bytes == "unchanged");
  }
}

TEST_CASE("Seal and Unseal round-trip, and the sealed text is not the plain text") {
  const std::string key = "block-1/q2/site-salt";
  const std::string plain = R"({"correct":[1]})";
  const std::string sealed = Seal(key, plain);
  // Computed with python3 (hashlib, base64) from the keystream definition in answer_key.h.
  CHECK(sealed == "vd3e6stWVWjW1IBQTjDo");
  CHECK(sealed.find("correct") == std::string::npos);
  std::string opened;
  REQUIRE(Unseal(key, sealed, &opened));
  CHECK(opened == plain);

  // Longer than one 32-byte keystream block, every byte value.
  const std::string bytes = AllBytes().substr(0, 70);
  CHECK(Seal("k", bytes) ==
        "S+ckgdrql/iHW4n4nmOum/5m2zyzyOVO2nfkM/PheUQt9JNVtJiKVoXqrGT+4mDmCNIYiDKCub1NSdy79SAdiYJe"
        "qr+1kQ==");
  for (size_t length : {0, 1, 31, 32, 33, 64, 65, 1000}) {
    const std::string text(length, 'z');
    REQUIRE(Unseal("k", Seal("k", text), &opened));
    CHECK(opened == text);
  }
}

TEST_CASE("Unseal with a wrong key gives other bytes; malformed input is rejected") {
  const std::string sealed = Seal("right", "Paris");
  std::string opened;
  REQUIRE(Unseal("wrong", sealed, &opened));
  CHECK(opened != "Paris");
  CHECK(opened.size() == 5);
  CHECK(Seal("right", "Paris") == sealed);  // deterministic
  CHECK(Seal("wrong", "Paris") != sealed);

  opened = "unchanged";
  CHECK_FALSE(Unseal("right", "not base64!", &opened));
  CHECK_FALSE(Unseal("right", sealed.substr(1), &opened));
  CHECK(opened == "unchanged");
  REQUIRE(Unseal("right", "", &opened));
  CHECK(opened.empty());
}

}  // namespace
}  // namespace morsel::core
