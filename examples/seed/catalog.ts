/**
 * Word lists the seeder draws from: Chinese names and addresses, products, faults and parts per
 * category. Small on purpose; combinations give the variety.
 */
import type { Rng } from './prng.js';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '晓东',
  '海燕',
  '子涵',
  '浩然',
  '雨萱',
  '思远',
];
const CITIES: { province: string; city: string; districts: string[]; postcode: string; region: string }[] = [
  {
    province: '上海市',
    city: '上海市',
    districts: ['浦东新区', '徐汇区', '静安区', '闵行区'],
    postcode: '200000',
    region: 'east',
  },
  {
    province: '北京市',
    city: '北京市',
    districts: ['朝阳区', '海淀区', '东城区', '丰台区'],
    postcode: '100000',
    region: 'north',
  },
  {
    province: '广东省',
    city: '广州市',
    districts: ['天河区', '越秀区', '海珠区'],
    postcode: '510000',
    region: 'south',
  },
  {
    province: '广东省',
    city: '深圳市',
    districts: ['南山区', '福田区', '宝安区'],
    postcode: '518000',
    region: 'south',
  },
  {
    province: '浙江省',
    city: '杭州市',
    districts: ['西湖区', '滨江区', '余杭区'],
    postcode: '310000',
    region: 'east',
  },
  {
    province: '江苏省',
    city: '南京市',
    districts: ['鼓楼区', '玄武区', '江宁区'],
    postcode: '210000',
    region: 'east',
  },
  {
    province: '湖北省',
    city: '武汉市',
    districts: ['洪山区', '武昌区', '江汉区'],
    postcode: '430000',
    region: 'central',
  },
  {
    province: '四川省',
    city: '成都市',
    districts: ['武侯区', '锦江区', '高新区'],
    postcode: '610000',
    region: 'southwest',
  },
];
const STREETS = [
  '人民路',
  '中山路',
  '解放路',
  '建设路',
  '和平路',
  '科技路',
  '文化路',
  '长江路',
  '黄河路',
  '新华路',
];
const COMPANIES = [
  '科技有限公司',
  '贸易有限公司',
  '电子商务有限公司',
  '餐饮管理有限公司',
  '物业服务有限公司',
  '酒店管理有限公司',
];

export const CATEGORIES = [
  'phone',
  'laptop',
  'tablet',
  'wearable',
  'air_conditioner',
  'washing_machine',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Extra products beside the template's sample ones: name, category, model, price, warranty. */
export const EXTRA_PRODUCTS: {
  name: string;
  category: Category;
  model: string;
  price: number;
  warranty_months: number;
}[] = [
  { name: '星辰 X10 Pro 智能手机', category: 'phone', model: 'XC-X10P', price: 5499, warranty_months: 12 },
  { name: '星辰 Lite 5 智能手机', category: 'phone', model: 'XC-L5', price: 1599, warranty_months: 12 },
  {
    name: '星辰 Book 16 Pro 笔记本电脑',
    category: 'laptop',
    model: 'XB-16P',
    price: 9999,
    warranty_months: 24,
  },
  { name: '星辰 Book Air 13', category: 'laptop', model: 'XB-A13', price: 4999, warranty_months: 12 },
  { name: '星辰 Pad Mini', category: 'tablet', model: 'XP-M8', price: 1999, warranty_months: 12 },
  { name: '星辰 Band 8 手环', category: 'wearable', model: 'XW-B8', price: 299, warranty_months: 12 },
  {
    name: '清风 3 匹立式柜机空调',
    category: 'air_conditioner',
    model: 'QF-72LW',
    price: 7999,
    warranty_months: 72,
  },
  {
    name: '清风 1 匹挂机空调',
    category: 'air_conditioner',
    model: 'QF-26GW',
    price: 2199,
    warranty_months: 36,
  },
  {
    name: '净澈 8 公斤波轮洗衣机',
    category: 'washing_machine',
    model: 'JC-B8',
    price: 1499,
    warranty_months: 24,
  },
  {
    name: '净澈洗烘一体机 12 公斤',
    category: 'washing_machine',
    model: 'JC-WD12',
    price: 4599,
    warranty_months: 36,
  },
];

export const FAULTS: Record<
  Category,
  { symptom: string; diagnosis: string; parts: { part_name: string; unit_price: number }[] }[]
> = {
  phone: [
    {
      symptom: '屏幕触控失灵 / touch screen unresponsive',
      diagnosis: '屏幕排线松动，重新扣合后测试通过',
      parts: [{ part_name: '屏幕排线', unit_price: 45 }],
    },
    {
      symptom: '无法充电 / does not charge',
      diagnosis: '尾插氧化，更换尾插小板',
      parts: [{ part_name: '尾插小板', unit_price: 60 }],
    },
    {
      symptom: '屏幕碎裂 / cracked screen',
      diagnosis: '更换屏幕总成',
      parts: [{ part_name: '屏幕总成', unit_price: 680 }],
    },
    {
      symptom: '电池续航差 / poor battery life',
      diagnosis: '电池老化，容量 71%，更换电池',
      parts: [{ part_name: '电池', unit_price: 159 }],
    },
  ],
  laptop: [
    { symptom: '开机黑屏 / black screen on boot', diagnosis: '内存接触不良，清洁金手指后正常', parts: [] },
    {
      symptom: '键盘部分按键失灵 / keys not working',
      diagnosis: '键盘进液，更换键盘',
      parts: [{ part_name: '键盘', unit_price: 320 }],
    },
    {
      symptom: '风扇噪音大 / noisy fan',
      diagnosis: '风扇积灰轴承磨损，更换风扇并清灰',
      parts: [
        { part_name: '散热风扇', unit_price: 120 },
        { part_name: '导热硅脂', unit_price: 20 },
      ],
    },
  ],
  tablet: [
    { symptom: '频繁死机 / freezes often', diagnosis: '系统文件损坏，刷机后正常', parts: [] },
    {
      symptom: '扬声器无声 / no sound',
      diagnosis: '扬声器损坏，更换扬声器模组',
      parts: [{ part_name: '扬声器模组', unit_price: 85 }],
    },
  ],
  wearable: [
    {
      symptom: '心率监测不准 / heart rate inaccurate',
      diagnosis: '传感器窗口划伤，更换后盖',
      parts: [{ part_name: '后盖传感器组件', unit_price: 110 }],
    },
    {
      symptom: '表带断裂 / broken strap',
      diagnosis: '更换表带',
      parts: [{ part_name: '表带', unit_price: 49 }],
    },
  ],
  air_conditioner: [
    {
      symptom: '制冷效果差 / weak cooling',
      diagnosis: '冷媒不足，检漏补焊后加注冷媒',
      parts: [{ part_name: 'R32 冷媒 (kg)', unit_price: 90 }],
    },
    {
      symptom: '室外机不启动 / outdoor unit does not start',
      diagnosis: '启动电容失效，更换电容',
      parts: [{ part_name: '压缩机启动电容', unit_price: 65 }],
    },
    { symptom: '室内机漏水 / indoor unit leaks', diagnosis: '排水管堵塞，疏通并清洗', parts: [] },
  ],
  washing_machine: [
    { symptom: '不排水 / does not drain', diagnosis: '排水泵异物堵塞，清理后正常', parts: [] },
    {
      symptom: '脱水时剧烈震动 / shakes when spinning',
      diagnosis: '减震器失效，更换减震器',
      parts: [{ part_name: '减震器', unit_price: 75 }],
    },
    {
      symptom: '显示 E21 错误 / error E21',
      diagnosis: '门锁开关损坏，更换门锁',
      parts: [{ part_name: '门锁开关', unit_price: 58 }],
    },
  ],
};

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

export function phone(rng: Rng): string {
  return `+86 1${rng.pick(['3', '5', '8', '9'])}${rng.int(0, 9)}-${String(rng.int(0, 9999)).padStart(4, '0')}-${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

export function address(rng: Rng): { value: Record<string, string>; region: string } {
  const c = rng.pick(CITIES);
  return {
    value: {
      province: c.province,
      city: c.city,
      district: rng.pick(c.districts),
      street: `${rng.pick(STREETS)} ${rng.int(1, 999)} 号 ${rng.int(1, 30)} 栋 ${rng.int(1, 28)}0${rng.int(1, 6)}`,
      postcode: c.postcode,
    },
    region: c.region,
  };
}

export function company(rng: Rng, name: string): string {
  return `${name.slice(0, 1)}氏${rng.pick(COMPANIES)}`;
}
