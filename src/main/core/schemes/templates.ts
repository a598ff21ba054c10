/**
 * Built-in schemes: the seven-dimension scheme for micro-grid heads (seed 003: 人口信息、宣传动员、回应诉求、带动自治、
 * 关爱巡访、安全排查、参会培训) and a typical monthly scheme for grid workers with deductions, bonuses and a veto.
 * Amounts in hundredths.
 */
import type { CriterionInput, SchemeTemplate } from '../../../shared/contract/schemes';
import type { Role } from '../../../shared/domain/people';
import { DEFAULT_BANDS, type Aggregation, type Band, type GroupWeight } from '../../../shared/domain/scoring';

export interface TemplateContent extends SchemeTemplate {
  roles: Role[];
  fullScore: number;
  aggregation: Aggregation;
  groups: GroupWeight[];
  bands: Band[];
  criteria: CriterionInput[];
}

const score = (category: string, name: string, max: number, guide: string): CriterionInput => ({
  category,
  name,
  kind: 'score',
  max: max * 100,
  guide,
});

export const TEMPLATES: TemplateContent[] = [
  {
    key: 'micro-grid-head',
    name: '微网格长月度考核',
    description: '从人口信息、宣传动员、回应诉求、带动自治、关爱巡访、安全排查、参会培训7个方面考核微网格长，民主评议去掉最高分和最低分。',
    roles: ['微网格长'],
    fullScore: 10000,
    aggregation: 'trimmed_mean',
    groups: [],
    bands: DEFAULT_BANDS,
    criteria: [
      score('人口信息', '实有人口信息采集更新', 10, '及时采集、更新微网格内实有人口和房屋信息，准确率达95%以上得满分，每发现一处错漏扣1分'),
      score('人口信息', '重点人群底数', 5, '独居老人、残疾人、困难家庭等重点人群底数清、情况明'),
      score('宣传动员', '政策宣传', 10, '按要求入户或在楼栋张贴、发放宣传材料，群众知晓率高'),
      score('宣传动员', '群众动员', 5, '动员居民参与社区活动和志愿服务'),
      score('回应诉求', '诉求受理与反馈', 12, '居民诉求当日登记，按时限反馈，未及时反馈一件扣2分'),
      score('回应诉求', '矛盾纠纷化解', 8, '邻里矛盾纠纷及时调处，化解在微网格内'),
      score('带动自治', '居民自治活动', 10, '组织楼栋议事、居民公约落实等自治活动'),
      score('关爱巡访', '特殊群体走访', 15, '独居老人、困难家庭等每月至少走访一次并留有记录'),
      score('安全排查', '安全隐患排查上报', 15, '消防通道、电动车充电、高空坠物等隐患及时发现上报'),
      {
        category: '参会培训',
        name: '参加例会和培训',
        kind: 'deduction',
        max: 1000,
        perUnit: 200,
        floor: 'criterion',
        guide: '按时参加微网格长例会和培训，缺席一次扣2分，扣完为止',
      },
    ],
  },
  {
    key: 'grid-worker',
    name: '网格员月度考核',
    description: '网格员、专职网格员、网格长每月考核：业务工作、巡查走访、事件处置、信息采集、工作纪律，另有加分项和一票否决项；街道中心占60%，社区占40%。',
    roles: ['网格员', '专职网格员', '网格长'],
    fullScore: 10000,
    aggregation: 'group_weights',
    groups: [
      { name: '街道中心', weight: 60 },
      { name: '社区', weight: 40 },
    ],
    bands: DEFAULT_BANDS,
    criteria: [
      score('业务工作', '任务完成情况', 20, '按时完成街道、社区交办的各项任务；每有一项未完成扣2分'),
      score('业务工作', '工作台账', 10, '工作日志、走访台账记录完整规范'),
      score('巡查走访', '日常巡查', 15, '每日按要求巡查网格，巡查轨迹完整'),
      score('巡查走访', '入户走访', 10, '按计划入户走访，走访记录真实'),
      score('事件处置', '事件上报及时率', 10, '发现事件2小时内上报；上报及时率低于90%的按比例扣分'),
      score('事件处置', '事件办结率', 10, '职责范围内事件按时办结'),
      score('信息采集', '基础信息采集', 15, '人、房、企等基础信息采集准确、更新及时'),
      {
        category: '工作纪律',
        name: '考勤',
        kind: 'deduction',
        max: 500,
        perUnit: 100,
        floor: 'category',
        guide: '迟到、早退、脱岗一次扣1分（注明日期），工作纪律类扣完为止',
      },
      {
        category: '工作纪律',
        name: '着装与工作规范',
        kind: 'deduction',
        max: 500,
        perUnit: 100,
        floor: 'category',
        guide: '未按规定着装、佩戴工作证或服务态度被投诉，一次扣1分',
      },
      {
        category: '加分项',
        name: '获上级表扬或表彰',
        kind: 'bonus',
        max: 0,
        perUnit: 200,
        cap: 500,
        guide: '受到街道及以上表扬或表彰，一次加2分，每月最多加5分（注明文件号）',
      },
      {
        category: '加分项',
        name: '发现并上报重大隐患',
        kind: 'bonus',
        max: 0,
        perUnit: 100,
        cap: 300,
        guide: '发现并及时上报重大安全隐患，经核实一件加1分，每月最多加3分（注明案卷号）',
      },
      {
        category: '否决项',
        name: '重大责任事故或违法违纪',
        kind: 'veto',
        max: 0,
        guide: '因失职造成重大责任事故，或有违法违纪行为，当月考核为不合格',
      },
    ],
  },
];
