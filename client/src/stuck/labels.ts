import { CASE_CLUSTERS, type CaseCluster } from '../../../shared/doorbraak';

export const clusterLabel = (key: CaseCluster | null) => (key ? (CASE_CLUSTERS.find((c) => c.key === key)?.label ?? key) : 'Geen cluster');
