#include "api.h"

#include <algorithm>

namespace chippy::broker {

extern const ApiSpec kProduceApi;
extern const ApiSpec kFetchApi;
extern const ApiSpec kListOffsetsApi;
extern const ApiSpec kMetadataApi;
extern const ApiSpec kOffsetCommitApi;
extern const ApiSpec kOffsetFetchApi;
extern const ApiSpec kFindCoordinatorApi;
extern const ApiSpec kJoinGroupApi;
extern const ApiSpec kHeartbeatApi;
extern const ApiSpec kLeaveGroupApi;
extern const ApiSpec kSyncGroupApi;
extern const ApiSpec kDescribeGroupsApi;
extern const ApiSpec kListGroupsApi;
extern const ApiSpec kApiVersionsApi;
extern const ApiSpec kCreateTopicsApi;
extern const ApiSpec kDeleteTopicsApi;
extern const ApiSpec kDeleteRecordsApi;
extern const ApiSpec kInitProducerIdApi;
extern const ApiSpec kDescribeConfigsApi;
extern const ApiSpec kAlterConfigsApi;
extern const ApiSpec kDescribeLogDirsApi;
extern const ApiSpec kCreatePartitionsApi;
extern const ApiSpec kIncrementalAlterConfigsApi;
extern const ApiSpec kListPartitionReassignmentsApi;
extern const ApiSpec kSaslHandshakeApi;
extern const ApiSpec kOffsetForLeaderEpochApi;
extern const ApiSpec kDescribeAclsApi;
extern const ApiSpec kSaslAuthenticateApi;
extern const ApiSpec kDeleteGroupsApi;
extern const ApiSpec kOffsetDeleteApi;
extern const ApiSpec kDescribeClusterApi;

const std::vector<const ApiSpec *> &apiTable()
{
    static const std::vector<const ApiSpec *> table = [] {
        std::vector<const ApiSpec *> t {
            &kProduceApi,
            &kFetchApi,
            &kListOffsetsApi,
            &kMetadataApi,
            &kOffsetCommitApi,
            &kOffsetFetchApi,
            &kFindCoordinatorApi,
            &kJoinGroupApi,
            &kHeartbeatApi,
            &kLeaveGroupApi,
            &kSyncGroupApi,
            &kDescribeGroupsApi,
            &kListGroupsApi,
            &kApiVersionsApi,
            &kCreateTopicsApi,
            &kDeleteTopicsApi,
            &kDeleteRecordsApi,
            &kInitProducerIdApi,
            &kDescribeConfigsApi,
            &kAlterConfigsApi,
            &kDescribeLogDirsApi,
            &kCreatePartitionsApi,
            &kIncrementalAlterConfigsApi,
            &kListPartitionReassignmentsApi,
            &kSaslHandshakeApi,
            &kOffsetForLeaderEpochApi,
            &kDescribeAclsApi,
            &kSaslAuthenticateApi,
            &kDeleteGroupsApi,
            &kOffsetDeleteApi,
            &kDescribeClusterApi,
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
