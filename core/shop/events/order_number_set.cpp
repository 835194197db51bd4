#include "shop/events/order_number_set.h"

namespace chippy::shop {

namespace {

struct Place
{
    qint64 block;
    std::size_t word;
    quint64 mask;
};

Place placeOf(qint64 number, qint64 blockBits)
{
    // Floor division, so that negative numbers get blocks of their own.
    qint64 block = number / blockBits;
    qint64 within = number % blockBits;
    if (within < 0) {
        within += blockBits;
        --block;
    }
    return {block, static_cast<std::size_t>(within / 64), quint64 {1} << (within % 64)};
}

} // namespace

bool OrderNumberSet::insert(qint64 number)
{
    const Place p = placeOf(number, kBlockBits);
    auto &block = m_blocks[p.block];
    if (!block) {
        block = std::make_unique<Block>();
        block->fill(0);
    }
    quint64 &word = (*block)[p.word];
    if (word & p.mask) {
        return false;
    }
    word |= p.mask;
    ++m_size;
    return true;
}

bool OrderNumberSet::contains(qint64 number) const
{
    const Place p = placeOf(number, kBlockBits);
    const auto it = m_blocks.find(p.block);
    return it != m_blocks.end() && ((*it->second)[p.word] & p.mask) != 0;
}

void OrderNumberSet::clear()
{
    m_blocks.clear();
    m_size = 0;
}

} // namespace chippy::shop
