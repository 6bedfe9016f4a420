// proximite.js draws the site's charts. Each chart is a <div class="echart">
// followed by <script type="application/json" id="<id>-spec">, which this
// file reads with JSON.parse: data never becomes code. Every formatter is a
// fixed function below; the text they return comes from the spec and is
// HTML-escaped before ECharts puts it in a tooltip.
(function () {
  'use strict';

  var MONTHS = {
    fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juill.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
    en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  };

  // ECharts ships English and Chinese only; this is its French locale.
  echarts.registerLocale('FR', {
    time: {
      month: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
      monthAbbr: MONTHS.fr,
      dayOfWeek: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
      dayOfWeekAbbr: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.']
    },
    legend: { selector: { all: 'Tout', inverse: 'Inverser' } },
    toolbox: {
      brush: { title: { rect: 'Sélection rectangulaire', polygon: 'Sélection au lasso', lineX: 'Sélection horizontale', lineY: 'Sélection verticale', keep: 'Garder la sélection', clear: 'Effacer la sélection' } },
      dataView: { title: 'Données', lang: ['Données', 'Fermer', 'Actualiser'] },
      dataZoom: { title: { zoom: 'Zoom', back: 'Annuler le zoom' } },
      magicType: { title: { line: 'Lignes', bar: 'Barres', stack: 'Empiler', tiled: 'Juxtaposer' } },
      restore: { title: 'Restaurer' },
      saveAsImage: { title: 'Enregistrer l’image', lang: ['Clic droit pour enregistrer l’image'] }
    },
    series: { typeNames: { pie: 'secteurs', bar: 'barres', line: 'lignes', scatter: 'nuage de points', effectScatter: 'nuage de points', radar: 'radar', tree: 'arbre', treemap: 'carte proportionnelle', boxplot: 'boîte à moustaches', candlestick: 'chandeliers', k: 'chandeliers', heatmap: 'carte de chaleur', map: 'carte', parallel: 'coordonnées parallèles', lines: 'lignes', graph: 'graphe', sankey: 'Sankey', funnel: 'entonnoir', gauge: 'jauge', pictorialBar: 'barres illustrées', themeRiver: 'rivière', sunburst: 'rayons de soleil', custom: 'graphique', chart: 'graphique' } },
    aria: {
      general: { withTitle: 'Graphique « {title} »', withoutTitle: 'Graphique' },
      series: { single: { prefix: '', withName: ' de type {seriesType} nommé {seriesName}.', withoutName: ' de type {seriesType}.' }, multiple: { prefix: '. Il comporte {seriesCount} séries.', withName: ' La série {seriesId} est de type {seriesType} et représente {seriesName}.', withoutName: ' La série {seriesId} est de type {seriesType}.', separator: { middle: '', end: '' } } },
      data: { allData: 'Données : ', partialData: 'Les {displayCnt} premiers éléments sont : ', withName: '{name} : {value}', withoutName: '{value}', separator: { middle: ', ', end: '. ' } }
    }
  });

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // num prints v as the tables do: 1 234,5 in French, 1,234.5 in English,
  // with a real minus sign.
  function num(v, dec, lang) {
    var s = Math.abs(v).toFixed(dec);
    var parts = s.split('.');
    var fr = lang === 'fr';
    var out = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, fr ? '\u00a0' : ',');
    if (parts[1]) {
      out += (fr ? ',' : '.') + parts[1];
    }
    if (v < 0 && /[1-9]/.test(s)) {
      out = '\u2212' + out;
    }
    return out;
  }

  // axisNum prints an axis tick with just the decimals it needs.
  function axisNum(v, lang) {
    var dec = 0;
    while (dec < 4 && Math.abs(v * Math.pow(10, dec) - Math.round(v * Math.pow(10, dec))) > 1e-6) {
      dec++;
    }
    return num(v, dec, lang);
  }

  // month prints a YYYY-MM category as "nov. 2022" / "Nov 2022".
  function month(s, lang) {
    var m = /^(\d{4})-(\d{2})$/.exec(String(s));
    if (!m || +m[2] < 1 || +m[2] > 12) {
      return String(s);
    }
    return MONTHS[lang][+m[2] - 1] + ' ' + m[1];
  }

  function lines(head, rows) {
    var out = head ? '<strong>' + esc(head) + '</strong>' : '';
    (rows || []).forEach(function (r) {
      out += (out ? '<br>' : '') + esc(r);
    });
    return out;
  }

  function tooltip(meta) {
    return function (p) {
      if (Array.isArray(p)) {
        var i = p.length ? p[0].dataIndex : -1;
        if (i < 0 || !meta.heads || i >= meta.heads.length) {
          return '';
        }
        return lines(meta.heads[i], meta.tips[i]);
      }
      var d = p && p.data;
      if (!d || !Array.isArray(d.tip)) {
        return '';
      }
      return lines(d.tip[0], d.tip.slice(1));
    };
  }

  function byName(p) { return p.name; }
  function byLabel(p) { return p.data && p.data.lbl != null ? String(p.data.lbl) : ''; }

  function axes(list, fn) {
    (Array.isArray(list) ? list : list ? [list] : []).forEach(fn);
  }

  // prepare puts the fixed formatters into an option read from JSON.
  function prepare(o, meta) {
    var lang = meta.lang === 'en' ? 'en' : 'fr';
    var valueFmt = function (v) { return axisNum(v, lang); };
    var catFmt = meta.month_axis ? function (v) { return month(v, lang); } : function (v) { return String(v); };
    ['xAxis', 'yAxis'].forEach(function (k) {
      axes(o[k], function (a) {
        a.axisLabel = a.axisLabel || {};
        a.axisLabel.hideOverlap = true;
        a.axisLabel.formatter = a.type === 'value' ? valueFmt : catFmt;
        if (a.type !== 'value') {
          a.axisLabel.width = 150;
          a.axisLabel.overflow = 'truncate';
        }
      });
    });
    o.tooltip = o.tooltip || {};
    o.tooltip.formatter = tooltip(meta);
    o.tooltip.confine = true;
    o.aria = { enabled: false };
    (o.series || []).forEach(function (s) {
      if (s.label) {
        s.label.formatter = byName;
        s.labelLayout = { moveOverlap: 'shiftY' };
        s.labelLine = { show: true, lineStyle: { color: '#9aa5b1' } };
      }
      if (s.markLine && s.markLine.label) {
        s.markLine.label.formatter = byName;
      }
      if (s.markArea) {
        s.markArea.label = s.markArea.label || {};
        s.markArea.label.formatter = byName;
      }
      (s.data || []).forEach(function (d) {
        if (d && typeof d === 'object' && !Array.isArray(d) && d.label) {
          d.label.formatter = d.lbl != null ? byLabel : byName;
        }
      });
    });
    return o;
  }

  // The formatters, for the site's tests.
  window.proximite = { num: num, axisNum: axisNum, month: month, esc: esc };

  var charts = [];
  document.querySelectorAll('div.echart').forEach(function (el) {
    var node = document.getElementById(el.id + '-spec');
    if (!node) {
      return;
    }
    var spec = JSON.parse(node.textContent);
    var chart = echarts.init(el, null, { locale: spec.meta.lang === 'en' ? 'EN' : 'FR' });
    chart.setOption(prepare(spec.option, spec.meta));
    charts.push(chart);
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
  // A printed page shows every data table, beside its chart.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details.data').forEach(function (d) { d.open = true; });
    charts.forEach(function (c) { c.resize(); });
  });
})();
