#include "api.h"

#include <algorithm>

namespace chippy::broker {

extern const ApiSpec kProduceApi;
extern const ApiSpec kFetchApi;
extern const ApiSpec kListOffsetsApi;
extern const ApiSpec kMetadataApi;
extern const ApiSpec kApiVersionsApi;

const std::vector<const ApiSpec *> &apiTable()
{
    static const std::vector<const ApiSpec *> table = [] {
        std::vector<const ApiSpec *> t {
            &kProduceApi,
            &kFetchApi,
            &kListOffsetsApi,
            &kMetadataApi,
            &kApiVersionsApi,
        };
        std::sort(t.begin(), t.end(), [](auto *a, auto *b) { return a->key < b->key; });
        return t;
    }();
    return table;
}

const ApiSpec *findApi(std::int16_t key)
{
    for (const ApiSpec *spec : apiTable()) {
        if (static_cast<std::int16_t>(spec->key) == key) {
            return spec;
        }
    }
    return nullptr;
}

} // namespace chippy::broker
