#pragma once

#include "append_file.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace chippy::broker {

// Fixed-size index entries kept in memory and, for a file-backed segment, appended to a file
// as they are made. Entry provides kSize, encode(std::uint8_t *) and decode(const std::uint8_t *).
template<typename Entry> class SparseIndex
{
public:
    const std::vector<Entry> &entries() const { return m_entries; }
    bool empty() const { return m_entries.empty(); }
    const Entry &back() const { return m_entries.back(); }

    // Binds the index to its file without loading it; see storedEntries().
    void attachFile(const std::filesystem::path &path, AppendFile::Mode mode)
    {
        m_file = std::make_unique<AppendFile>(path, mode);
    }

    // What the attached file holds, ignoring a torn trailing entry.
    std::vector<Entry> storedEntries() const
    {
        std::vector<Entry> out;
        if (!m_file) {
            return out;
        }
        const auto bytes = m_file->readAll();
        for (std::size_t at = 0; at + Entry::kSize <= bytes.size(); at += Entry::kSize) {
            out.push_back(Entry::decode(bytes.data() + at));
        }
        return out;
    }

    void append(const Entry &entry)
    {
        m_entries.push_back(entry);
        if (m_file) {
            std::uint8_t encoded[Entry::kSize];
            entry.encode(encoded);
            m_file->append(encoded);
        }
    }

    // Takes entries as they are, writing them to the file only if it holds something else.
    void replace(std::vector<Entry> entries, const std::vector<Entry> &stored)
    {
        m_entries = std::move(entries);
        if (!m_file || (m_entries == stored && m_file->size() == stored.size() * Entry::kSize)) {
            return;
        }
        std::vector<std::uint8_t> bytes(m_entries.size() * Entry::kSize);
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            m_entries[i].encode(bytes.data() + i * Entry::kSize);
        }
        m_file->rewrite(bytes);
    }

    void remove()
    {
        m_entries.clear();
        if (m_file) {
            m_file->remove();
            m_file.reset();
        }
    }

private:
    std::vector<Entry> m_entries;
    std::unique_ptr<AppendFile> m_file;
};

} // namespace chippy::broker
