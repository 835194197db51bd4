#pragma once

#include <QtGlobal>

#include <array>
#include <memory>
#include <unordered_map>

namespace chippy::shop {

// A set of order numbers that stays small however many orders a run places: the tills count
// up from 1, so the numbers are dense and one bit each suffices, in blocks allocated as the
// numbers arrive. Sparse or negative numbers still work, a block each.
class OrderNumberSet
{
public:
    // True when the number was not in the set before.
    bool insert(qint64 number);
    bool contains(qint64 number) const;
    qint64 size() const { return m_size; }
    void clear();

    // Calls f(number) for every number in the set, block by block.
    template<typename F> void forEach(F &&f) const
    {
        for (const auto &[blockIndex, block] : m_blocks) {
            for (std::size_t w = 0; w < block->size(); ++w) {
                for (quint64 bits = (*block)[w]; bits != 0; bits &= bits - 1) {
                    const int bit = __builtin_ctzll(bits);
                    f(blockIndex * kBlockBits + static_cast<qint64>(w) * 64 + bit);
                }
            }
        }
    }

private:
    static constexpr qint64 kBlockBits = 1 << 15; // 4 KiB of bits per block
    using Block = std::array<quint64, kBlockBits / 64>;

    std::unordered_map<qint64, std::unique_ptr<Block>> m_blocks;
    qint64 m_size = 0;
};

} // namespace chippy::shop
