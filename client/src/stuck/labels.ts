import { CASE_CLUSTERS, type CaseCluster } from '../../../shared/breakthroughs';

export const clusterLabel = (key: CaseCluster | null) => (key ? (CASE_CLUSTERS.find((c) => c.key === key)?.label ?? key) : 'Geen cluster');
