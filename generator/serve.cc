#include "generator/serve.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "generator/file_system.h"
#include "generator/text.h"

namespace morsel::gen {

const char kLiveReloadScript[] = R"JS((function () {
  'use strict';
  // morsel serve: reload on a new build; a failed build's diagnostics over the page.
  var me = document.currentScript;
  var built = Number(me && me.getAttribute('data-morsel-live'));
  // A worker from another visit would serve old files: none while serving.
  if (navigator.serviceWorker && navigator.serviceWorker.getRegistrations) {
    navigator.serviceWorker.getRegistrations().then(function (all) { all.forEach(function (r) { r.unregister(); }); });
  }
  var box = null;
  function show(text) {
    if (!box) {
      box = document.createElement('div');
      box.setAttribute('role', 'alert');
      box.setAttribute('data-morsel-serve-error', '');
      var s = box.style;
      s.position = 'fixed'; s.inset = '0'; s.zIndex = '2147483647'; s.overflow = 'auto';
      s.background = 'rgba(255,255,255,.97)'; s.color = '#1d2433'; s.padding = '1.5rem';
      s.font = '14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
      var title = document.createElement('p');
      title.textContent = 'morsel serve: the site has errors. Fix them and save: this page reloads.';
      title.style.fontWeight = '700';
      title.style.color = '#9c2a1f';
      var pre = document.createElement('pre');
      pre.style.whiteSpace = 'pre-wrap';
      box.append(title, pre);
    }
    box.lastChild.textContent = text;
    if (!box.isConnected) document.body.appendChild(box);
  }
  function hide() { if (box && box.isConnected) box.remove(); }
  var events = new EventSource('/__morsel/events');
  events.addEventListener('state', function (e) {
    var state = JSON.parse(e.data);
    if (!state.ok) show(state.errors);
    else if (state.generation !== built) location.reload();
    else hide();
  });
})();
)JS";

std::string WithLiveReload(const std::string& html, int generation) {
  const std::string tag =
      "<script src=\"/__morsel/live.js\" data-morsel-live=\"" + std::to_string(generation) + "\" defer></script>\n";
  const size_t head = html.find("</head>");
  if (head == std::string::npos) return html + tag;
  return html.substr(0, head) + tag + html.substr(head);
}

namespace {

using Clock = std::chrono::steady_clock;

using Snapshot = RealFileSystem::Stamps;

/// The first path that differs between two scans, for the terminal.
std::string Changed(const Snapshot& before, const Snapshot& after) {
  for (const auto& [path, stamp] : after) {
    auto it = before.find(path);
    if (it == before.end() || it->second != stamp) return path;
  }
  for (const auto& [path, stamp] : before) {
    if (after.find(path) == after.end()) return path + " (removed)";
  }
  return "";
}

/// A port nothing listens on, to suggest (0 when none can be had).
int FreePort() {
  const int sock = socket(AF_INET, SOCK_STREAM, 0);
  if (sock < 0) return 0;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  int port = 0;
  if (bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(sock);
  return port;
}

/// Asks the desktop to open `url` (xdg-open, no shell); says what to do when it cannot.
void OpenInBrowser(const std::string& url) {
  std::string program = "xdg-open";
  std::string address = url;
  char* argv[] = {program.data(), address.data(), nullptr};
  pid_t child = 0;
  if (posix_spawnp(&child, "xdg-open", nullptr, nullptr, argv, environ) != 0) {
    std::cout << "morsel: open " << url << " in your browser" << std::endl;
  }
}

/// What the pages and the terminal know of the latest build.
struct Live {
  std::mutex mutex;
  std::condition_variable changed;
  int generation = 0;
  bool ok = false;
  /// The folder of the last good build ("" before one).
  std::string site;
  std::string errors;
  bool stopping = false;
};

std::string StateEvent(const Live& live) {
  const nlohmann::json state = {{"generation", live.generation}, {"ok", live.ok}, {"errors", live.errors}};
  return "event: state\ndata: " + state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
}

class Server {
 public:
  Server(const ServeOptions& options, std::string work) : options_(options), work_(std::move(work)) {}

  /// One build into the folder not being served; served once it succeeds.
  void Build(const std::string& why) {
    const auto start = Clock::now();
    BuildOptions build = options_.build;
    build.out = JoinPath(work_, next_ % 2 == 0 ? "site-a" : "site-b");
    // Each folder keeps its build cache (generator/build_cache.h): a rebuild writes only what
    // changed since that folder's last build, two builds ago.
    build.cache = true;
    build.program = RealFileSystem::ProgramStamp();
    RealFileSystem disk;
    DiagnosticSink sink;
    BuildStats stats;
    bool ok = false;
    try {
      ok = BuildSite(&disk, build, &stats, &sink);
    } catch (const std::exception& e) {
      sink.Add(Error(options_.build.source, 0, 0, "internal", std::string("internal error: ") + e.what(),
                     "this is a bug in Morsel: please report it with the content that causes it"));
    }
    const std::string report = sink.Format();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    {
      std::lock_guard<std::mutex> lock(live_.mutex);
      ++live_.generation;
      live_.ok = ok;
      live_.errors = ok ? "" : report;
      if (ok) {
        live_.site = build.out;
        ++next_;
      }
    }
    live_.changed.notify_all();
    std::cerr << report;
    char time[32];
    std::snprintf(time, sizeof time, "%.2f s", seconds);
    const bool served = !Served().empty();
    if (ok) {
      std::cout << "morsel: " << why << "built " << stats.lessons << (stats.lessons == 1 ? " lesson" : " lessons")
                << " in " << time << "\n";
    } else {
      std::cout << "morsel: " << why << "the build has errors (shown above and over the page)"
                << (served ? "; the last good site is still served" : "") << "\n";
    }
    std::cout.flush();
  }

  /// The folder of the last good build ("" before one).
  std::string Served() {
    std::lock_guard<std::mutex> lock(live_.mutex);
    return live_.site;
  }

  /// Polls the source folders until stopped, rebuilding after a change.
  void Watch() {
    // Polled rather than watched with inotify: polling sees every editor's way of saving (in
    // place, or a new file renamed over the old one) on every file system, mounted folders
    // included, with no platform API; the files of 20,000 lessons are looked at in a few
    // milliseconds.
    const std::vector<std::string> folders = SourceFolders(options_.build);
    RealFileSystem disk;
    Snapshot before = disk.FileStamps(folders);
    std::unique_lock<std::mutex> lock(live_.mutex);
    while (!live_.stopping) {
      live_.changed.wait_for(lock, std::chrono::milliseconds(250));
      if (live_.stopping) break;
      lock.unlock();
      Snapshot now = disk.FileStamps(folders);
      if (now != before) {
        // An editor may save in steps (a temp file, then a rename): let it finish.
        std::this_thread::sleep_for(std::chrono::milliseconds(80));
        now = disk.FileStamps(folders);
        Build(Changed(before, now) + " changed: ");
        // What the build wrote itself (morsel.lock) is no change of the author's.
        before = disk.FileStamps(folders);
      }
      lock.lock();
    }
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(live_.mutex);
      live_.stopping = true;
    }
    live_.changed.notify_all();
    http_.stop();
  }

  /// Binds 127.0.0.1:port (a free one for 0); the port, or -1.
  int Bind() {
    Routes();
    if (options_.port == 0) return http_.bind_to_any_port("127.0.0.1");
    return http_.bind_to_port("127.0.0.1", options_.port) ? options_.port : -1;
  }

  void Listen() {
    http_.listen_after_bind();
    listened_ = true;
  }

  /// Stops the server even when the signal came before it was listening (httplib's stop()
  /// does nothing then): again until Listen has returned.
  void StopUntilDone() {
    while (!listened_) {
      Stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

 private:
  void Routes() {
    // Each open page holds a connection for its events: more threads than the default.
    http_.new_task_queue = [] { return new httplib::ThreadPool(32); };
    // httplib's default also sets SO_REUSEPORT, which lets a second server take the same
    // port: a port in use must be refused and said.
    http_.set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    http_.Get("/__morsel/live.js", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "no-store");
      res.set_content(kLiveReloadScript, "text/javascript; charset=utf-8");
    });
    http_.Get("/__morsel/events", [this](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "no-store");
      auto seen = std::make_shared<int>(-1);
      res.set_chunked_content_provider("text/event-stream", [this, seen](size_t, httplib::DataSink& sink) {
        std::unique_lock<std::mutex> lock(live_.mutex);
        if (*seen != -1) {
          live_.changed.wait_for(lock, std::chrono::seconds(15),
                                 [&] { return live_.stopping || live_.generation != *seen; });
        }
        if (live_.stopping) return false;
        std::string message = ": keep-alive\n\n";
        if (live_.generation != *seen) {
          *seen = live_.generation;
          message = StateEvent(live_);
        }
        lock.unlock();
        return sink.write(message.data(), message.size());
      });
    });
    http_.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) { File(req.path, &res); });
  }

  /// A file of the last good build; HTML with the live-reload script.
  void File(const std::string& url, httplib::Response* res) {
    res->set_header("Cache-Control", "no-store");
    std::string site;
    int generation = 0;
    {
      std::lock_guard<std::mutex> lock(live_.mutex);
      site = live_.site;
      generation = live_.generation;
    }
    std::string path = url;
    if (path.empty() || path.back() == '/') path += "index.html";
    // No service worker while serving: it would answer from an old build.
    const bool refused = path.find("..") != std::string::npos || path.find('\\') != std::string::npos ||
                         path.find('\0') != std::string::npos || path == "/sw.js";
    RealFileSystem disk;
    std::string bytes;
    std::string error;
    std::string file = site.empty() || refused ? "" : site + path;
    if (!file.empty() && disk.IsDir(file)) file += "/index.html";
    if (!file.empty() && disk.ReadFile(file, &bytes, &error)) {
      const char* type = ContentType(file);
      if (EndsWith(file, ".html")) bytes = WithLiveReload(bytes, generation);
      res->set_content(bytes, type);
      return;
    }
    res->status = 404;
    if (site.empty()) {
      // No good build yet: a page that shows the errors and reloads once they are fixed.
      res->status = 200;
      res->set_content(WithLiveReload("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Morsel: "
                                      "the site has errors</title></head><body><p>The site has errors: see the "
                                      "terminal.</p></body></html>\n",
                                      generation),
                       "text/html; charset=utf-8");
    } else if (disk.ReadFile(site + "/404.html", &bytes, &error)) {
      res->set_content(WithLiveReload(bytes, generation), "text/html; charset=utf-8");
    } else {
      res->set_content("Not found\n", "text/plain; charset=utf-8");
    }
  }

  const ServeOptions& options_;
  const std::string work_;
  int next_ = 0;
  std::atomic<bool> listened_{false};
  Live live_;
  httplib::Server http_;
};

}  // namespace

int Serve(const ServeOptions& options) {
  RealFileSystem disk;
  if (!disk.IsDir(options.build.source)) {
    std::cerr << "morsel: error: content folder '" << options.build.source << "' not found\n"
              << "  hint: run morsel serve in the folder that holds your content, or pass its path\n";
    return 2;
  }
  std::string error;
  const std::string work = disk.MakeTempFolder("morsel-serve-", &error);
  if (work.empty()) {
    std::cerr << "morsel: error: " << error << " to build into\n";
    return 2;
  }
  // Ctrl-C and SIGTERM are taken by one thread (sigwait), never by a thread in the middle
  // of a build or a request: blocked here, before any other thread exists.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  int status = 0;
  {
    Server server(options, work);
    const int port = server.Bind();
    if (port < 0) {
      const int free = FreePort();
      std::cerr << "morsel: error: port " << options.port
                << " on 127.0.0.1 is in use (another morsel serve, or another server)\n"
                << "  hint: "
                << (free > 0 ? "run morsel serve --port " + std::to_string(free) + " (that one is free now)"
                             : "pass --port with another port, or --port 0 for any free one")
                << "\n";
      status = 2;
    } else {
      server.Build("");
      const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
      std::cout << "morsel: serving " << url << " (Ctrl-C to stop); watching " << options.build.source
                << " and its theme folders" << std::endl;
      if (options.open) OpenInBrowser(url);
      // Ctrl-C or SIGTERM stops the server; so does Listen returning for another reason.
      std::atomic<bool> done{false};
      std::thread stopper([&] {
        while (!done) {
          const timespec wait{0, 200 * 1000 * 1000};
          if (sigtimedwait(&signals, nullptr, &wait) > 0) {
            server.StopUntilDone();
            return;
          }
        }
      });
      std::thread watcher([&] { server.Watch(); });
      server.Listen();
      server.Stop();
      done = true;
      stopper.join();
      watcher.join();
      std::cout << "morsel: stopped" << std::endl;
    }
  }
  disk.RemoveAll(work, &error);
  return status;
}

}  // namespace morsel::gen
